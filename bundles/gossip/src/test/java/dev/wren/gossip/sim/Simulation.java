package dev.wren.gossip.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import dev.wren.gossip.internal.GossipConfig;
import dev.wren.gossip.internal.Node;
import dev.wren.gossip.internal.Output;
import dev.wren.gossip.internal.crypto.AesGcmEnvelope;
import dev.wren.gossip.internal.crypto.Envelope;
import dev.wren.gossip.internal.crypto.Keyring;
import dev.wren.peer.Member;
import dev.wren.peer.PeerDirectory;

/**
 * A deterministic discrete-event simulation of a cluster of {@link Node}s in one thread: a queue
 * of packet deliveries and node ticks ordered by simulated time (then by insertion), a seeded
 * {@link Network}, crashes and restarts. Same seed, same run. Time starts at
 * {@link #EPOCH} ms.
 *
 * <p>Envelopes: {@link ClearEnvelope} by default (fast; no encryption), or AES-GCM under a keyring
 * with {@link #encrypted}, practical for tens of nodes.
 */
public final class Simulation {

    public static final long EPOCH = 1_763_798_400_000L;

    private record Event(long time, long seq, int node, byte[] packet, int from) {
    }

    /** Who is told what happened: every member event of every node. */
    public interface Listener {
        void event(long time, int observer, String topic, Member member);
    }

    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) ->
            a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private final SplittableRandom random;
    private final SplittableRandom netRandom;
    public final Network network = new Network();
    private final GossipConfig config;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Boolean> up = new ArrayList<>();
    private final List<Long> scheduled = new ArrayList<>();
    /** Each node's boot epoch, as the shell persists it: one more at every start. */
    private final List<Long> epochs = new ArrayList<>();
    private final Map<String, Integer> byAddress = new HashMap<>();
    private IntFunction<Envelope> envelopes = i -> new ClearEnvelope();
    private Listener listener = (t, o, topic, m) -> { };
    private long now = EPOCH;
    private long seq;
    public long packetsSent;
    public long bytesSent;

    public Simulation(long seed, GossipConfig config) {
        this.random = new SplittableRandom(seed);
        this.netRandom = random.split();
        this.config = config;
    }

    /** Seals every node's packets with AES-GCM under {@code ring} (per node: {@code rings.apply(i)}). */
    public Simulation encrypted(IntFunction<Keyring> rings) {
        envelopes = i -> new AesGcmEnvelope("site", rings.apply(i), config.replayWindow(),
                new SplittableRandom(random.nextLong()), 16_384);
        return this;
    }

    public Simulation listener(Listener l) {
        this.listener = l;
        return this;
    }

    public static String id(int i) {
        return "gw-" + i;
    }

    public static String address(int i) {
        return "10." + (i >> 16 & 255) + '.' + (i >> 8 & 255) + '.' + (i & 255) + ":7946";
    }

    /** Adds {@code count} nodes; each joins through the first {@code seeds} nodes (none for node 0). */
    public void start(int count, int seeds) {
        for (int k = 0; k < count; k++) {
            int i = nodes.size();
            byAddress.put(address(i), i);
            nodes.add(null);
            up.add(true);
            scheduled.add(Long.MAX_VALUE);
            epochs.add(0L);
            boot(i, seeds);
        }
    }

    /** Adds {@code count} nodes that already know each other (a static member list), no join traffic. */
    public void startKnown(int count) {
        int first = nodes.size();
        start(count, 0);
        for (int i = first; i < nodes.size(); i++) {
            for (int j = first; j < nodes.size(); j++) {
                if (i != j) {
                    nodes.get(i).introduce(id(j), address(j), now);
                }
            }
            schedule(i);
        }
    }

    private void boot(int i, int seeds) {
        epochs.set(i, epochs.get(i) + 1);
        Node n = new Node(id(i), address(i), epochs.get(i), config, envelopes.apply(i), new SplittableRandom(random.nextLong()),
                output(i), now);
        nodes.set(i, n);
        List<String> s = new ArrayList<>();
        for (int k = 0; k < Math.min(seeds, nodes.size()); k++) {
            if (k != i) {
                s.add(address(k));
            }
        }
        n.join(s, now);
        schedule(i);
    }

    /** The node stops: no more ticks, packets to it are lost. */
    public void crash(int i) {
        up.set(i, false);
    }

    /** A crashed node starts again from scratch: same id and address, incarnation 0, the next boot epoch. */
    public void restart(int i, int seeds) {
        up.set(i, true);
        scheduled.set(i, Long.MAX_VALUE);
        boot(i, seeds);
    }

    private Output output(int i) {
        return new Output() {
            @Override
            public void send(String address, byte[] packet) {
                packetsSent++;
                bytesSent += packet.length;
                Integer to = byAddress.get(address);
                if (to == null) {
                    return;
                }
                long d = network.delay(i, to, netRandom);
                if (d >= 0) {
                    queue.add(new Event(now + d, ++seq, to, packet, i));
                }
            }

            @Override
            public void event(String topic, Member member, List<String> keys) {
                listener.event(now, i, topic, member);
            }
        };
    }

    private void schedule(int i) {
        long d = Math.max(now, nodes.get(i).nextDeadline());
        if (d < scheduled.get(i)) {
            scheduled.set(i, d);
            queue.add(new Event(d, ++seq, i, null, -1));
        }
    }

    /** Runs until simulated time {@code until} (ms since {@link #EPOCH}). */
    public void runUntil(long until) {
        long end = EPOCH + until;
        while (!queue.isEmpty() && queue.peek().time <= end) {
            Event e = queue.poll();
            now = e.time;
            int i = e.node;
            if (!up.get(i)) {
                continue;
            }
            Node n = nodes.get(i);
            if (e.packet == null) {
                if (scheduled.get(i) != e.time) {
                    continue;
                }
                scheduled.set(i, Long.MAX_VALUE);
                n.tick(now);
            } else {
                n.receive(e.packet, address(e.from), now);
            }
            schedule(i);
        }
        now = end;
    }

    /** Runs for {@code millis} more simulated ms. */
    public void run(long millis) {
        runUntil(elapsed() + millis);
    }

    /** Something done to a node between steps (publish, leave, keyring); its deadlines are updated. */
    public void act(int i, java.util.function.Consumer<Node> action) {
        action.accept(nodes.get(i));
        schedule(i);
    }

    public long elapsed() {
        return now - EPOCH;
    }

    public long now() {
        return now;
    }

    public Node node(int i) {
        return nodes.get(i);
    }

    public boolean up(int i) {
        return up.get(i);
    }

    public int size() {
        return nodes.size();
    }

    /** @return how many running nodes see {@code id} with {@code status} */
    public int seeing(String id, Member.Status status) {
        int c = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (up.get(i) && nodes.get(i).status(id) == status) {
                c++;
            }
        }
        return c;
    }

    /** @return true when every running node sees every running node ALIVE */
    public boolean converged() {
        int running = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (up.get(i)) {
                running++;
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            if (up.get(i) && nodes.get(i).presentCount() != running) {
                return false;
            }
            if (up.get(i)) {
                for (int j = 0; j < nodes.size(); j++) {
                    if (up.get(j) && nodes.get(i).status(id(j)) != Member.Status.ALIVE) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** A listener that counts deaths declared about nodes that were up at the time. */
    public static final class FalseDeaths implements Listener {
        private final Simulation sim;
        public long falseDeaths;
        public long deaths;
        public long suspicions;

        public FalseDeaths(Simulation sim) {
            this.sim = sim;
        }

        @Override
        public void event(long time, int observer, String topic, Member m) {
            int target = sim.byAddress.getOrDefault(m.address(), -1);
            if (PeerDirectory.TOPIC_DEAD.equals(topic)) {
                deaths++;
                if (target >= 0 && sim.up(target)) {
                    falseDeaths++;
                }
            } else if (PeerDirectory.TOPIC_SUSPECT.equals(topic)) {
                suspicions++;
            }
        }
    }

}
