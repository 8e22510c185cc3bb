package dev.wren.gossip.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.wren.gossip.internal.wire.StateBlock;

/**
 * One member's versioned key/value state as this node holds it. Versions count the owner's writes
 * within a generation (a new generation per start of the owner, which wins over the old one).
 * {@code watermark}: every write up to it is here, or was overwritten or purged (Scuttlebutt's
 * version digest); writes gossiped out of order are kept but do not move it.
 * {@code purgedUpTo}: the newest deletion forgotten here; a peer behind it gets the whole state.
 */
final class PeerState {

    /** A key's value at a version; {@code value} null is a tombstone that expires. */
    record Value(String value, long version, long expires) {
    }

    long generation;
    long watermark;
    long maxVersion;
    long purgedUpTo;
    final Map<String, Value> entries = new HashMap<>(4);

    PeerState(long generation) {
        this.generation = generation;
    }

    /** Drops everything for a newer generation of the owner; @return the keys that were live */
    List<String> reset(long newGeneration) {
        List<String> gone = liveKeys();
        entries.clear();
        generation = newGeneration;
        watermark = 0;
        maxVersion = 0;
        purgedUpTo = 0;
        return gone;
    }

    /** Applied and visible: a live value changed, appeared or disappeared. */
    static final int CHANGED = 2;
    /** Applied, not visible: a tombstone for a key that was not live. */
    static final int APPLIED = 1;

    /** Applies one write if newer than what is held; @return 0 (older: ignored), APPLIED or CHANGED */
    int put(String key, String value, long version, long now, long tombstoneTtl) {
        Value old = entries.get(key);
        if (old != null && old.version >= version) {
            return 0;
        }
        entries.put(key, new Value(value, version, value == null ? now + tombstoneTtl : Long.MAX_VALUE));
        maxVersion = Math.max(maxVersion, version);
        if (version == watermark + 1) {
            watermark = version;
        }
        return value == null && (old == null || old.value == null) ? APPLIED : CHANGED;
    }

    /** Forgets tombstones that expired; @return how many */
    int purge(long now) {
        int n = 0;
        var it = entries.values().iterator();
        while (it.hasNext()) {
            Value v = it.next();
            if (v.value == null && v.expires <= now) {
                purgedUpTo = Math.max(purgedUpTo, v.version);
                it.remove();
                n++;
            }
        }
        return n;
    }

    /** @return the writes after {@code after} up to the watermark, oldest first */
    List<StateBlock.Entry> since(long after) {
        TreeMap<Long, StateBlock.Entry> sorted = new TreeMap<>();
        for (Map.Entry<String, Value> e : entries.entrySet()) {
            long v = e.getValue().version;
            if (v > after && v <= watermark) {
                sorted.put(v, new StateBlock.Entry(e.getKey(), e.getValue().value, v));
            }
        }
        return new ArrayList<>(sorted.values());
    }

    /**
     * Applies a block of consecutive state (the caller checked the generation is not older).
     *
     * @return keys whose value changed
     */
    List<String> apply(StateBlock b, long now, long tombstoneTtl) {
        List<String> changed = new ArrayList<>();
        if (b.generation() > generation) {
            changed.addAll(reset(b.generation()));
        }
        if (b.reset()) {
            var it = entries.entrySet().iterator();
            java.util.Set<String> listed = new java.util.HashSet<>();
            b.entries().forEach(e -> listed.add(e.key()));
            while (it.hasNext()) {
                var e = it.next();
                if (e.getValue().version <= b.to() && !listed.contains(e.getKey())) {
                    if (e.getValue().value != null) {
                        changed.add(e.getKey());
                    }
                    it.remove();
                }
            }
        }
        long mark = watermark;
        for (StateBlock.Entry e : b.entries()) {
            if (put(e.key(), e.value(), e.version(), now, tombstoneTtl) == CHANGED) {
                changed.add(e.key());
            }
        }
        if (b.reset() || b.from() <= mark) {
            watermark = Math.max(watermark, b.to());
            maxVersion = Math.max(maxVersion, watermark);
        }
        return changed;
    }

    List<String> liveKeys() {
        List<String> l = new ArrayList<>();
        entries.forEach((k, v) -> {
            if (v.value != null) {
                l.add(k);
            }
        });
        return l;
    }

    Map<String, String> live() {
        Map<String, String> m = new HashMap<>();
        entries.forEach((k, v) -> {
            if (v.value != null) {
                m.put(k, v.value);
            }
        });
        return m;
    }

    /** The UTF-8 size of the live keys and values, with {@code key} set to {@code value}. */
    static int size(Collection<Map.Entry<String, Value>> all, String key, String value) {
        int n = utf8(key) + utf8(value);
        for (Map.Entry<String, Value> e : all) {
            if (!e.getKey().equals(key) && e.getValue().value != null) {
                n += utf8(e.getKey()) + utf8(e.getValue().value);
            }
        }
        return n;
    }

    static int utf8(String s) {
        return s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
