package dev.wren.gossip.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

import dev.wren.gossip.internal.wire.Codec;
import dev.wren.gossip.internal.wire.Update.MemberUpdate;
import dev.wren.peer.Member.Status;
import dev.wren.peer.PeerDirectory;

/**
 * SWIM's membership rules: which rumour wins (a higher incarnation; at the same incarnation
 * ALIVE &lt; SUSPECT &lt; DEAD &lt; LEFT), Lifeguard suspicion timers with confirmations, refutation by
 * the node itself, rebroadcasting what changed, and forgetting the dead after a while.
 */
final class Membership {

    private record Timer(long deadline, Peer peer, Suspicion suspicion) {
    }

    private final Node n;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline));

    Membership(Node n) {
        this.n = n;
    }

    /**
     * Applies a rumour. {@code fromSync}: it comes from an anti-entropy exchange, where a death is
     * only taken as a suspicion (the member gets its chance to refute). {@code rebroadcast}: spread
     * it on if it changed something.
     */
    void apply(MemberUpdate u, boolean fromSync, long now, boolean rebroadcast) {
        if (u.id().equals(n.id)) {
            aboutSelf(u, now);
            return;
        }
        Status status = fromSync && u.status() == Status.DEAD ? Status.SUSPECT : u.status();
        Peer p = n.peers.get(u.id());
        if (p == null) {
            if (status == Status.DEAD || status == Status.LEFT || u.address().isEmpty()) {
                return;
            }
            p = new Peer(u.id(), u.address(), u.incarnation(), 0, now);
            n.peers.put(p.id, p);
            n.present++;
            n.prober.added(p);
            if (status == Status.SUSPECT) {
                p.status = Status.SUSPECT;
                suspect(p, u.from().isEmpty() ? n.id : u.from(), now);
            }
            event(PeerDirectory.TOPIC_JOINED, p);
            broadcastIf(rebroadcast, p, u.from());
            return;
        }
        if (u.incarnation() < p.incarnation) {
            return;
        }
        switch (status) {
            case ALIVE -> {
                if (u.incarnation() > p.incarnation) {
                    Status old = p.status;
                    p.incarnation = u.incarnation();
                    if (!u.address().isEmpty()) {
                        p.address = u.address();
                    }
                    setStatus(p, Status.ALIVE, now);
                    if (old != Status.ALIVE) {
                        event(old == Status.SUSPECT ? PeerDirectory.TOPIC_ALIVE : PeerDirectory.TOPIC_JOINED, p);
                    }
                    broadcastIf(rebroadcast, p, "");
                }
            }
            case SUSPECT -> {
                if (p.status == Status.SUSPECT && u.incarnation() == p.incarnation) {
                    if (p.suspicion != null && p.suspicion.confirm(u.from())) {
                        timers.add(new Timer(p.suspicion.deadline(), p, p.suspicion));
                        broadcastIf(rebroadcast, p, u.from());
                    }
                } else if (p.present()) {
                    p.incarnation = u.incarnation();
                    setStatus(p, Status.SUSPECT, now);
                    suspect(p, u.from().isEmpty() ? n.id : u.from(), now);
                    if (!n.id.equals(u.from())) {
                        n.prober.verify(p);
                    }
                    event(PeerDirectory.TOPIC_SUSPECT, p);
                    broadcastIf(rebroadcast, p, u.from());
                }
            }
            default -> {
                boolean leftAfterDeath = status == Status.LEFT && p.status == Status.DEAD;
                if (p.present() || u.incarnation() > p.incarnation || leftAfterDeath) {
                    boolean was = p.present() || leftAfterDeath;
                    p.incarnation = u.incarnation();
                    setStatus(p, status, now);
                    if (was) {
                        event(status == Status.LEFT ? PeerDirectory.TOPIC_LEFT : PeerDirectory.TOPIC_DEAD, p);
                        broadcastIf(rebroadcast, p, u.from());
                    }
                }
            }
        }
    }

    /** Our own failed probe: suspect {@code p} ourselves, or confirm a suspicion as independent witness. */
    void suspectLocally(Peer p, long now) {
        if (p.present()) {
            if (p.status == Status.ALIVE) {
                n.counters.suspicions++;
            }
            apply(new MemberUpdate(p.id, p.address, Status.SUSPECT, p.incarnation, n.id), false, now, true);
        }
    }

    private void aboutSelf(MemberUpdate u, long now) {
        Peer self = n.self;
        if (n.leaving) {
            return;
        }
        boolean refute = u.status() == Status.ALIVE ? u.incarnation() > self.incarnation
                : u.incarnation() >= self.incarnation;
        if (refute) {
            self.incarnation = u.incarnation() + 1;
            n.counters.refutes++;
            if (u.status() != Status.ALIVE) {
                n.awareness.apply(1);
            }
            broadcast(self, "");
        }
    }

    void leave(long now) {
        Peer self = n.self;
        self.status = Status.LEFT;
        n.present--;
        broadcast(self, n.id);
    }

    private void suspect(Peer p, String from, long now) {
        p.suspicion = new Suspicion(now, p.incarnation, from, n.present, n.config);
        timers.add(new Timer(p.suspicion.deadline(), p, p.suspicion));
    }

    void tick(long now) {
        while (!timers.isEmpty() && timers.peek().deadline <= now) {
            Timer t = timers.poll();
            Peer p = t.peer;
            if (p.suspicion == t.suspicion && p.status == Status.SUSPECT && !p.removed
                    && p.suspicion.deadline() <= now) {
                n.counters.deaths++;
                setStatus(p, Status.DEAD, now);
                event(PeerDirectory.TOPIC_DEAD, p);
                broadcast(p, n.id);
            }
        }
    }

    long nextDeadline() {
        return timers.isEmpty() ? Long.MAX_VALUE : timers.peek().deadline;
    }

    /** Forgets the dead after reconnectTimeout, the departed after tombstoneTtl; purges tombstones. */
    void sweep(long now) {
        Iterator<Peer> it = n.peers.values().iterator();
        while (it.hasNext()) {
            Peer p = it.next();
            p.state.purge(now);
            long keep = p.status == Status.DEAD ? n.config.reconnectTimeout()
                    : p.status == Status.LEFT ? n.config.tombstoneTtl() : Long.MAX_VALUE;
            if (p != n.self && now - p.since >= keep) {
                p.removed = true;
                it.remove();
            }
        }
    }

    void setStatus(Peer p, Status s, long now) {
        if (p.present() && !(s == Status.ALIVE || s == Status.SUSPECT)) {
            n.present--;
        } else if (!p.present() && (s == Status.ALIVE || s == Status.SUSPECT)) {
            n.present++;
        }
        if (p.status != s) {
            p.since = now;
        }
        p.status = s;
        if (s != Status.SUSPECT) {
            p.suspicion = null;
        }
    }

    /**
     * @param deadToo also members dead for less than gossipToTheDead (so they can refute)
     * @return up to {@code k} distinct random members other than this node, present ones (and
     *         recently dead), matching {@code filter} when given
     */
    List<Peer> randomPeers(int k, Predicate<Peer> filter, long now, boolean deadToo) {
        List<Peer> list = n.prober.list();
        List<Peer> chosen = new ArrayList<>(k);
        int size = list.size();
        for (int tries = 0; tries < 3 * size && chosen.size() < k && size > 0; tries++) {
            Peer p = list.get(n.random.nextInt(size));
            boolean ok = !p.removed && p != n.self && (p.present()
                    || deadToo && p.status == Status.DEAD && now - p.since < n.config.gossipToTheDead());
            if (ok && (filter == null || filter.test(p)) && !chosen.contains(p)) {
                chosen.add(p);
            }
        }
        return chosen;
    }

    void broadcast(Peer p, String from) {
        n.broadcasts.add("m:" + p.id, Codec.update(p.update(from)), false,
                p.status == Status.DEAD || p.status == Status.LEFT);
    }

    private void broadcastIf(boolean really, Peer p, String from) {
        if (really) {
            broadcast(p, from.isEmpty() ? n.id : from);
        }
    }

    void event(String topic, Peer p) {
        n.out.event(topic, p.snapshot(), List.of());
    }
}
