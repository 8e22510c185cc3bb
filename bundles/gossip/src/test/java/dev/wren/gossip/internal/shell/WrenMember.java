package dev.wren.gossip.internal.shell;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import dev.wren.gossip.internal.Counters;
import dev.wren.gossip.internal.GossipConfig;
import dev.wren.peer.PeerDirectory;

/**
 * One Wren gossip node over real UDP without OSGi, as the gossip component runs it (the shipped
 * configuration: profile {@code lan}, no overrides, multicast discovery and the peer channel off,
 * AES-GCM sealed packets), minus the component's own state feed: membership only, like JGroups.
 * A member process of {@link MembershipBenchmark}; reports through {@link MemberLines}.
 *
 * <p>Arguments: {@code <id> <port> <seed port>...} (all on 127.0.0.1; its own port among the seeds
 * is skipped).
 */
public final class WrenMember {

    /** A fixed AES-256 key: the benchmark's cluster is on loopback, the key guards nothing. */
    private static final String KEY = "d3Jlbi1tZW1iZXJzaGlwLWJlbmNobWFyay1rZXktMzI=";

    private WrenMember() {
    }

    public static void main(String[] args) throws Exception {
        String id = args[0];
        int port = Integer.parseInt(args[1]);
        List<String> seeds = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (Integer.parseInt(args[i]) != port) {
                seeds.add("127.0.0.1:" + args[i]);
            }
        }
        Settings s = new Settings(id, "bench", Settings.keys(KEY), new InetSocketAddress("127.0.0.1", port),
                "127.0.0.1:" + port, List.copyOf(seeds), GossipConfig.lan(), null, 10_000, null);
        long epoch = new Epochs(null).next(System.currentTimeMillis()).epoch();
        MemberLines out = new MemberLines(System.out);
        UdpLoop loop = new UdpLoop(s, epoch, (topic, m, keys) -> {
            if (PeerDirectory.TOPIC_DEAD.equals(topic) || PeerDirectory.TOPIC_LEFT.equals(topic)) {
                out.gone(m.id());
            } else if (PeerDirectory.TOPIC_JOINED.equals(topic)) {
                out.up(m.id());
            }
        }, (node, now) -> {
            Counters c = node.counters();
            out.stat(node.presentCount(), c.suspicions(), c.deaths());
        }, 1_000);
        Runtime.getRuntime().addShutdownHook(new Thread(loop::close));
        Thread.currentThread().join(); // the loop's thread does the work; SIGKILL ends it
    }
}
