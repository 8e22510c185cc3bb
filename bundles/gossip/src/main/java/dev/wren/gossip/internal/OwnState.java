package dev.wren.gossip.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.wren.gossip.internal.wire.Codec;
import dev.wren.gossip.internal.wire.Update.StateUpdate;
import dev.wren.peer.PeerDirectory;

/**
 * The key/value state: this node writes its own (each write a new version, spread as a rumour),
 * and applies the rumours of others' writes. Only the owner writes a member's state, so the higher
 * version always wins; a newer generation (the owner restarted) replaces the whole state.
 */
final class OwnState {

    private final Node n;

    OwnState(Node n) {
        this.n = n;
    }

    void publish(String key, String value, long now) {
        if (key == null || key.isEmpty() || PeerState.utf8(key) > PeerDirectory.MAX_KEY_BYTES) {
            throw new IllegalArgumentException("key: must be 1 to " + PeerDirectory.MAX_KEY_BYTES + " bytes");
        }
        if (value == null || PeerState.utf8(value) > PeerDirectory.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value of " + key + ": must be 0 to "
                    + PeerDirectory.MAX_VALUE_BYTES + " bytes");
        }
        PeerState s = n.self.state;
        PeerState.Value old = s.entries.get(key);
        if (old != null && value.equals(old.value())) {
            return;
        }
        int size = PeerState.size(s.entries.entrySet(), key, value);
        if (size > PeerDirectory.MAX_STATE_BYTES) {
            throw new IllegalArgumentException("state: would be " + size + " bytes, at most "
                    + PeerDirectory.MAX_STATE_BYTES);
        }
        write(key, value, now);
    }

    void remove(String key, long now) {
        PeerState.Value old = n.self.state.entries.get(key);
        if (old != null && old.value() != null) {
            write(key, null, now);
        }
    }

    private void write(String key, String value, long now) {
        PeerState s = n.self.state;
        long v = s.maxVersion + 1;
        s.put(key, value, v, now, n.config.tombstoneTtl());
        broadcast(key, s.entries.get(key), s.generation);
        n.out.event(PeerDirectory.TOPIC_STATE_CHANGED, n.self.snapshot(), List.of(key));
    }

    private void broadcast(String key, PeerState.Value v, long generation) {
        n.broadcasts.add("s:" + n.id + ':' + key,
                Codec.update(new StateUpdate(n.id, generation, v.version(), key, v.value())), true);
    }

    void apply(StateUpdate u, long now) {
        Peer p = n.peers.get(u.id());
        if (p == null) {
            return;
        }
        PeerState s = p.state;
        if (p == n.self) {
            if (u.generation() > s.generation || u.generation() == s.generation && u.version() > s.maxVersion) {
                rebase(u.generation(), now);
            }
            return;
        }
        if (u.generation() < s.generation) {
            return;
        }
        List<String> changed = new ArrayList<>();
        if (u.generation() > s.generation) {
            changed.addAll(s.reset(u.generation()));
        }
        int applied = s.put(u.key(), u.value(), u.version(), now, n.config.tombstoneTtl());
        if (applied == PeerState.CHANGED) {
            changed.add(u.key());
        }
        if (applied > 0) {
            n.broadcasts.add("s:" + u.id() + ':' + u.key(), Codec.update(u), true);
        }
        changed(p, changed);
    }

    /**
     * Others know a newer generation or version of this node than it has (a previous life, or a
     * clock that went back): start a generation above it and write the whole state again.
     */
    void rebase(long seen, long now) {
        PeerState s = n.self.state;
        Map<String, String> live = s.live();
        s.reset(Math.max(seen, s.generation) + 1);
        live.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(e -> {
                    s.put(e.getKey(), e.getValue(), s.maxVersion + 1, now, n.config.tombstoneTtl());
                    broadcast(e.getKey(), s.entries.get(e.getKey()), s.generation);
                });
    }

    void changed(Peer p, List<String> keys) {
        if (!keys.isEmpty()) {
            n.out.event(PeerDirectory.TOPIC_STATE_CHANGED, p.snapshot(), List.copyOf(keys));
        }
    }
}
