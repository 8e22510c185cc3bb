package dev.wren.gossip.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

import dev.wren.gossip.internal.wire.Codec;
import dev.wren.gossip.internal.wire.DigestEntry;
import dev.wren.gossip.internal.wire.Message.Digest;
import dev.wren.gossip.internal.wire.Message.Sync;
import dev.wren.gossip.internal.wire.StateBlock;
import dev.wren.gossip.internal.wire.Update.MemberUpdate;
import dev.wren.peer.Member.Status;

/**
 * Scuttlebutt anti-entropy over single packets. Every push-pull interval this node sends a random
 * member a {@link Digest}: its view (status, incarnation, state generation and watermark) of the
 * members in the next id range that fits a packet. The peer answers with a {@link Sync}: the
 * members and state the digest lacks (each member's missing writes oldest first, so a partial
 * answer still leaves the receiver complete up to a version) and a {@code need} list of what the
 * peer itself lacks, which this node pushes back. An answer cut short by the packet size is
 * continued at once from where it stopped, so a joiner or a healed partition catches up in a
 * burst of exchanges, not one per interval. Every reconnect interval a random dead member gets a
 * digest starting at its own entry, so a partition heals as soon as anyone can reach across it.
 */
final class AntiEntropy {

    /** Bytes of digest entries per digest; the rest of the packet carries piggybacked updates. */
    static final int DIGEST_ROOM = 900;
    /**
     * Bytes of members, state and needs per sync: what the largest payload leaves after the largest
     * sync header (version, a 64-byte sender, type, sequence, flag, a 64-byte id covered to, three
     * counts, the update count: 150 bytes).
     */
    static final int SYNC_ROOM = Codec.MAX_PAYLOAD - 150;
    /** Continuations of one exchange at most. */
    static final int MAX_CHAIN = 64;

    private record Pending(String to, String address, String after, String upTo, int chain, boolean cycle) {
    }

    private final Node n;
    private final Map<Long, Pending> pending = new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Pending> e) {
            return size() > 32;
        }
    };
    private String cursor = "";
    private long nextPushPull;
    private long nextReconnect;
    private long nextJoin;

    AntiEntropy(Node n, long now) {
        this.n = n;
        nextPushPull = now + n.random.nextLong(n.config.pushPullInterval());
        nextReconnect = now + n.random.nextLong(n.config.reconnectInterval());
    }

    void tick(long now) {
        if (n.present == 1 && !n.seeds.isEmpty() && !n.leaving && now >= nextJoin) {
            nextJoin = now + 2 * n.config.probeInterval();
            send(null, n.seeds.get(n.random.nextInt(n.seeds.size())), "", 0, false, now);
        }
        if (now >= nextPushPull) {
            nextPushPull = now + n.config.pushPullInterval();
            List<Peer> t = n.membership.randomPeers(1, p -> p.status == Status.ALIVE, now, false);
            if (!n.leaving && !t.isEmpty()) {
                send(t.get(0).id, t.get(0).address, cursor, 0, true, now);
            } else if (!n.leaving && !n.seeds.isEmpty()) {
                send(null, n.seeds.get(n.random.nextInt(n.seeds.size())), "", 0, false, now);
            }
        }
        if (now >= nextReconnect) {
            nextReconnect = now + n.config.reconnectInterval();
            List<Peer> list = n.prober.list();
            for (int tries = 0; tries < 16 && !list.isEmpty() && !n.leaving; tries++) {
                Peer p = list.get(n.random.nextInt(list.size()));
                if (p.status == Status.DEAD && !p.removed) {
                    String before = n.peers.lowerKey(p.id);
                    send(p.id, p.address, before == null ? "" : before, 0, false, now);
                    break;
                }
            }
        }
    }

    long nextDeadline() {
        long d = Math.min(nextPushPull, nextReconnect);
        return n.present == 1 && !n.seeds.isEmpty() && !n.leaving ? Math.min(d, nextJoin) : d;
    }

    /** Starts an exchange with {@code address} (a member whose id is not known) at the beginning of the id range (joining). */
    void start(String address, String after, long now) {
        nextJoin = now + 2 * n.config.probeInterval();
        send(null, address, after, 0, false, now);
    }

    private void send(String to, String address, String after, int chain, boolean cycle, long now) {
        List<DigestEntry> entries = new ArrayList<>();
        String upTo = "";
        int room = DIGEST_ROOM;
        for (Peer p : n.peers.tailMap(after, false).values()) {
            DigestEntry e = p.digest();
            int size = Codec.size(e);
            if (size > room) {
                upTo = entries.get(entries.size() - 1).id();
                break;
            }
            room -= size;
            entries.add(e);
        }
        long seq = ++n.seq;
        pending.put(seq, new Pending(to, address, after, upTo, chain, cycle));
        n.send(to, address, new Digest(seq, after, upTo, entries), now);
    }

    /** Answers a digest with what its sender lacks and what we lack. */
    void answer(Digest d, String sender, String from, long now) {
        Map<String, DigestEntry> theirs = new HashMap<>();
        for (DigestEntry e : d.entries()) {
            if (e.id().compareTo(d.after()) > 0 && (d.upTo().isEmpty() || e.id().compareTo(d.upTo()) <= 0)) {
                theirs.put(e.id(), e);
            }
        }
        SortedMap<String, Peer> mine = d.upTo().isEmpty() ? n.peers.tailMap(d.after(), false)
                : d.after().compareTo(d.upTo()) >= 0 ? java.util.Collections.emptySortedMap()
                : n.peers.subMap(d.after(), false, d.upTo(), true);
        TreeSet<String> ids = new TreeSet<>(mine.keySet());
        ids.addAll(theirs.keySet());
        Reply r = new Reply(SYNC_ROOM);
        String covered = d.after();
        boolean truncated = false;
        for (String id : ids) {
            DigestEntry t = theirs.get(id);
            Peer p = n.peers.get(id);
            if (p == n.self && t != null) {
                aboutSelf(t, now);
            }
            if (!r.offer(p, t, true)) {
                truncated = true;
                break;
            }
            covered = id;
        }
        n.send(sender, from, new Sync(d.seq(), truncated, covered, r.members, r.states, r.need), now);
    }

    /** Applies a sync; pushes what it says the peer needs; continues a cut exchange. */
    void apply(Sync s, String sender, String from, long now) {
        for (MemberUpdate m : s.members()) {
            n.membership.apply(m, true, now, m.status() != Status.ALIVE);
        }
        for (StateBlock b : s.states()) {
            Peer p = n.peers.get(b.id());
            if (p == null) {
                continue;
            }
            if (p == n.self) {
                if (b.generation() > p.state.generation
                        || b.generation() == p.state.generation && b.to() > p.state.maxVersion) {
                    n.ownState.rebase(b.generation(), now);
                }
            } else if (b.generation() >= p.state.generation) {
                n.ownState.changed(p, p.state.apply(b, now, n.config.tombstoneTtl()));
            }
        }
        if (!s.need().isEmpty()) {
            Reply r = new Reply(SYNC_ROOM);
            for (DigestEntry e : s.need()) {
                Peer p = n.peers.get(e.id());
                if (p != null && !r.offer(p, e, false)) {
                    break;
                }
            }
            if (!r.members.isEmpty() || !r.states.isEmpty()) {
                n.send(sender, from, new Sync(0, false, "", r.members, r.states, List.of()), now);
            }
        }
        Pending p = s.seq() == 0 ? null : pending.remove(s.seq());
        if (p == null) {
            return;
        }
        if (s.truncated() && s.coveredTo().compareTo(p.after) > 0 && p.chain < MAX_CHAIN) {
            send(p.to != null ? p.to : sender, p.address, s.coveredTo(), p.chain + 1, p.cycle, now);
        } else if (!s.truncated() && p.cycle) {
            cursor = p.upTo;
        }
    }

    private void aboutSelf(DigestEntry t, long now) {
        if (t.status() != null) {
            n.membership.apply(new MemberUpdate(n.id, n.self.address, t.status(), t.incarnation(), ""), true, now,
                    false);
        }
        PeerState s = n.self.state;
        if (t.generation() > s.generation || t.generation() == s.generation && t.watermark() > s.maxVersion) {
            n.ownState.rebase(t.generation(), now);
        }
    }

    /** A sync being filled: members, state blocks and needs, within a byte budget. */
    private final class Reply {
        final List<MemberUpdate> members = new ArrayList<>();
        final List<StateBlock> states = new ArrayList<>();
        final List<DigestEntry> need = new ArrayList<>();
        int room;

        Reply(int room) {
            this.room = room;
        }

        /**
         * Adds what the holder of {@code t} lacks about {@code p} (and, if {@code needs}, what we lack).
         *
         * @return false when it did not fit (nothing was added)
         */
        boolean offer(Peer p, DigestEntry t, boolean needs) {
            MemberUpdate m = null;
            StateBlock b = null;
            DigestEntry want = null;
            if (p == null) {
                if (needs && t != null && t.status() != null
                        && (t.status() == Status.ALIVE || t.status() == Status.SUSPECT)) {
                    want = DigestEntry.unknown(t.id());
                }
            } else {
                if (t == null || p.newerThan(t)) {
                    if (t != null || p.present()) {
                        m = p.update(n.id);
                    }
                } else if (needs && p.olderThan(t)) {
                    want = p.digest();
                }
                PeerState s = p.state;
                boolean behind = t == null || t.status() == null || t.generation() < s.generation
                        || t.generation() == s.generation && t.watermark() < s.watermark;
                if (behind && (m != null || t != null) && s.watermark > 0) {
                    b = block(p, t);
                } else if (needs && want == null && t != null && t.status() != null
                        && (t.generation() > s.generation || t.generation() == s.generation && t.watermark() > s.watermark)) {
                    want = p.digest();
                }
            }
            int size = (m == null ? 0 : Codec.size(m)) + (want == null ? 0 : Codec.size(want));
            if (b != null) {
                b = cut(b, room - size);
                if (b == null) {
                    return false;
                }
                size += Codec.size(b);
            }
            if (size > room) {
                return false;
            }
            room -= size;
            if (m != null) {
                members.add(m);
            }
            if (b != null) {
                states.add(b);
            }
            if (want != null) {
                need.add(want);
            }
            return true;
        }
    }

    private static StateBlock block(Peer p, DigestEntry t) {
        PeerState s = p.state;
        boolean reset = t == null || t.status() == null || t.generation() != s.generation
                || t.watermark() < s.purgedUpTo;
        long from = reset ? 0 : t.watermark();
        return new StateBlock(p.id, s.generation, from, s.watermark, reset, s.since(from));
    }

    /** @return the block, or its oldest entries that fit {@code room} bytes, or null if none fit */
    private static StateBlock cut(StateBlock b, int room) {
        if (Codec.size(b) <= room) {
            return b;
        }
        List<StateBlock.Entry> l = new ArrayList<>(b.entries());
        while (!l.isEmpty()) {
            l.remove(l.size() - 1);
            if (l.isEmpty()) {
                return null;
            }
            StateBlock c = new StateBlock(b.id(), b.generation(), b.from(), l.get(l.size() - 1).version(), b.reset(), l);
            if (Codec.size(c) <= room) {
                return c;
            }
        }
        return null;
    }
}
