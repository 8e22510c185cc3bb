package dev.wren.gossip.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.wren.gossip.internal.wire.Message;
import dev.wren.gossip.internal.wire.Message.Ack;
import dev.wren.gossip.internal.wire.Message.Nack;
import dev.wren.gossip.internal.wire.Message.Ping;
import dev.wren.gossip.internal.wire.Message.PingReq;
import dev.wren.gossip.internal.wire.Update.MemberUpdate;
import dev.wren.peer.Member.Status;

/**
 * SWIM failure detection: one probe per (health-scaled) probe interval, round-robin over a
 * shuffled member list; no ack within the (scaled) probe timeout: {@code indirectChecks} members
 * are asked to ping the target; still no ack at the end of the interval: the target is suspected.
 * The outcome feeds Lifeguard's local health: an ack lowers it, missing acks and missing nacks
 * (the helpers did not answer either: the fault is likely ours) raise it.
 */
final class Prober {

    private static final class Probe {
        Peer target;
        long seq;
        long indirectAt;
        long endAt;
        boolean acked;
        boolean indirectSent;
        int expectedNacks;
        int nacks;
    }

    private record Relay(long seq, String originId, String origin, long originSeq, long deadline) {
    }

    /** Suspects this node learnt of and has not probed itself yet. */
    private final ArrayDeque<Peer> toVerify = new ArrayDeque<>();
    private boolean verifiedLast;

    private final Node n;
    private final List<Peer> list = new ArrayList<>();
    private int index;
    private long nextProbe;
    private Probe probe;
    private final Map<Long, Relay> relays = new HashMap<>();
    private final ArrayDeque<Relay> relayTimeouts = new ArrayDeque<>();

    Prober(Node n, long now) {
        this.n = n;
        this.nextProbe = now + n.random.nextLong(n.config.probeInterval());
    }

    List<Peer> list() {
        return list;
    }

    /** A new member goes to a random place of the probe list. */
    void added(Peer p) {
        list.add(p);
        Collections.swap(list, n.random.nextInt(list.size()), list.size() - 1);
    }

    void tick(long now) {
        Probe p = probe;
        if (p != null && !p.acked && !p.indirectSent && now >= p.indirectAt) {
            p.indirectSent = true;
            List<Peer> helpers = n.membership.randomPeers(n.config.indirectChecks(),
                    h -> h != p.target && h.status == Status.ALIVE, now, false);
            for (Peer h : helpers) {
                n.send(h.id, h.address, new PingReq(p.seq, p.target.id, p.target.address), now);
            }
            p.expectedNacks = helpers.size();
        }
        if (p != null && now >= p.endAt) {
            probe = null;
            if (!p.acked) {
                int delta = p.expectedNacks > 0 ? p.expectedNacks - p.nacks : 1;
                n.awareness.apply(delta);
                n.membership.suspectLocally(p.target, now);
            }
        }
        while (!relayTimeouts.isEmpty() && relayTimeouts.peek().deadline <= now) {
            Relay r = relayTimeouts.poll();
            if (relays.remove(r.seq) != null) {
                n.send(r.originId, r.origin, new Nack(r.originSeq), now);
            }
        }
        if (probe == null && now >= nextProbe && !n.leaving) {
            start(now);
        }
    }

    long nextDeadline() {
        long d = n.leaving ? Long.MAX_VALUE : nextProbe;
        if (probe != null) {
            d = Math.min(d, probe.endAt);
            if (!probe.acked && !probe.indirectSent) {
                d = Math.min(d, probe.indirectAt);
            }
        }
        return relayTimeouts.isEmpty() ? d : Math.min(d, relayTimeouts.peek().deadline);
    }

    private void start(long now) {
        long interval = n.awareness.scale(n.config.probeInterval());
        nextProbe = now + interval;
        Peer target = next();
        if (target == null) {
            return;
        }
        Probe p = new Probe();
        p.target = target;
        p.seq = ++n.seq;
        p.indirectAt = now + n.awareness.scale(n.config.probeTimeout());
        p.endAt = now + interval;
        probe = p;
        n.send(target.id, target.address, new Ping(p.seq, target.id, target.status == Status.SUSPECT, target.incarnation), now);
    }

    /** A suspicion this node did not raise: it will probe the suspect itself (every other probe). */
    void verify(Peer p) {
        if (toVerify.size() < 64 && !toVerify.contains(p)) {
            toVerify.add(p);
        }
    }

    private Peer next() {
        if (!verifiedLast) {
            while (!toVerify.isEmpty()) {
                Peer p = toVerify.poll();
                if (!p.removed && p.status == Status.SUSPECT) {
                    verifiedLast = true;
                    return p;
                }
            }
        }
        verifiedLast = false;
        for (int checked = 0; checked <= list.size(); checked++) {
            if (index >= list.size()) {
                list.removeIf(p -> p.removed);
                Collections.shuffle(list, new java.util.Random(n.random.nextLong()));
                index = 0;
                if (list.isEmpty()) {
                    return null;
                }
            }
            Peer p = list.get(index++);
            if (!p.removed && p.present()) {
                return p;
            }
        }
        return null;
    }

    void handle(Message m, String sender, String from, long now) {
        if (m instanceof Ping ping) {
            if (ping.target().equals(n.id)) {
                if (ping.suspected()) {
                    n.membership.apply(new MemberUpdate(n.id, n.self.address, Status.SUSPECT, ping.incarnation(), ""),
                            false, now, false);
                }
                n.send(sender, from, new Ack(ping.seq(), n.self.incarnation), now);
            }
        } else if (m instanceof PingReq req) {
            long seq = ++n.seq;
            Relay r = new Relay(seq, sender, from, req.seq(), now + n.config.probeTimeout());
            relays.put(seq, r);
            relayTimeouts.add(r);
            Peer t = n.peers.get(req.target());
            boolean suspected = t != null && t.status == Status.SUSPECT;
            n.send(req.target(), req.address(), new Ping(seq, req.target(), suspected, suspected ? t.incarnation : 0), now);
        } else if (m instanceof Ack ack) {
            Relay r = relays.remove(ack.seq());
            if (r != null) {
                n.send(r.originId, r.origin, new Ack(r.originSeq, ack.incarnation()), now);
            } else if (probe != null && probe.seq == ack.seq() && !probe.acked) {
                probe.acked = true;
                n.awareness.apply(-1);
                Peer t = probe.target;
                if (ack.incarnation() > t.incarnation && !t.removed) {
                    n.membership.apply(new MemberUpdate(t.id, t.address, Status.ALIVE, ack.incarnation(), ""), false,
                            now, true);
                }
            }
        } else if (m instanceof Nack nack) {
            if (probe != null && probe.seq == nack.seq()) {
                probe.nacks++;
            }
        }
    }
}
