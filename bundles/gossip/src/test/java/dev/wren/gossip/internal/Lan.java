package dev.wren.gossip.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import dev.wren.gossip.internal.crypto.AesGcmEnvelope;
import dev.wren.gossip.internal.crypto.Keyring;
import dev.wren.peer.Member;

/**
 * A few real nodes with AES-GCM envelopes on a lossless simulated LAN that an attacker taps: every
 * packet sent is captured ({@link #captured}), some can be held back ({@link #holdBack}), and any
 * can be sent again, to anyone ({@link #inject}). Time advances in 10 ms steps; a node restarted
 * gets a fresh envelope (an empty nonce memory) and the next boot epoch, as after a real restart.
 */
final class Lan {

    static final long START = 1_763_798_400_000L;
    static final byte[] KEY = new byte[32];

    /** A packet on the wire. */
    record Captured(String from, String to, byte[] packet, long at) {
    }

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Long> epochs = new LinkedHashMap<>();
    private final ArrayDeque<Captured> queue = new ArrayDeque<>();
    final List<Captured> captured = new ArrayList<>();
    private Predicate<Captured> holdBack = c -> false;
    private long seed = 1;
    long now = START;

    static String address(String id) {
        return id + ":7946";
    }

    /** Starts (or restarts) {@code id} with its next boot epoch, joining through {@code seeds} (ids). */
    Node start(String id, String... seeds) {
        long epoch = epochs.merge(id, 1L, Long::sum);
        String me = address(id);
        Output out = new Output() {
            @Override
            public void send(String address, byte[] packet) {
                Captured c = new Captured(me, address, packet, now);
                captured.add(c);
                if (!holdBack.test(c)) {
                    queue.add(c);
                }
            }

            @Override
            public void event(String topic, Member member, List<String> keys) {
            }
        };
        AesGcmEnvelope e = new AesGcmEnvelope("site", Keyring.of(KEY), 30_000, new SplittableRandom(seed++), 4096);
        Node n = new Node(id, me, epoch, GossipConfig.lan(), e, new SplittableRandom(seed++), out, now);
        nodes.put(me, n);
        List<String> s = new ArrayList<>();
        for (String x : seeds) {
            s.add(address(x));
        }
        n.join(s, now);
        return n;
    }

    /** The attacker keeps packets matching {@code p} from their receiver (they are still captured). */
    void holdBack(Predicate<Captured> p) {
        holdBack = p;
    }

    /** The attacker sends {@code packet} to {@code id}, from its own address. */
    void inject(byte[] packet, String id) {
        nodes.get(address(id)).receive(packet, "10.6.6.6:4444", now);
    }

    Node node(String id) {
        return nodes.get(address(id));
    }

    /** Runs {@code millis} ms: ticks every node every 10 ms and delivers what was sent, 1 step later. */
    void run(long millis) {
        long end = now + millis;
        while (now < end) {
            now += 10;
            List<Captured> due = new ArrayList<>(queue);
            queue.clear();
            for (Captured c : due) {
                Node n = nodes.get(c.to());
                if (n != null) {
                    n.receive(c.packet(), c.from(), now);
                }
            }
            for (Node n : nodes.values()) {
                n.tick(now);
            }
        }
    }

    /** @return the last packet captured from {@code from} to {@code to} (ids), sent at or after {@code since} */
    Captured last(String from, String to, long since) {
        for (int i = captured.size() - 1; i >= 0; i--) {
            Captured c = captured.get(i);
            if (c.from().equals(address(from)) && c.to().equals(address(to)) && c.at() >= since) {
                return c;
            }
        }
        throw new AssertionError("no packet from " + from + " to " + to + " since " + since);
    }

    /** @return whether every node sees every node ALIVE */
    boolean converged() {
        for (Node a : nodes.values()) {
            for (Node b : nodes.values()) {
                if (a.status(b.id()) != Member.Status.ALIVE) {
                    return false;
                }
            }
        }
        return true;
    }
}
