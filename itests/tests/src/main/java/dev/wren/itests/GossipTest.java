package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.gossip.testing.TestPeer;
import dev.wren.peer.Member;
import dev.wren.peer.PeerDirectory;

/**
 * The gossip bundle in a running gateway, with a peer on loopback: the peer and its state show up
 * in the directory and in {@code wren:peers}, this gateway's own state (its power mode, read from
 * the power state service) reaches the peer, garbage from outsiders is dropped and counted, a
 * captured packet replayed to the gateway, re-routed to it from another member, or replayed after
 * the gateway's gossip restarted is refused and counted by reason, and a configuration without a
 * key or with a bad one starts nothing.
 */
class GossipTest extends GatewayTestBase {

    @InjectService(timeout = 20_000)
    LogReaderService logReader;

    @AfterEach
    void off() throws Exception {
        Gateway.update(cm.getConfiguration(Gateway.GOSSIP, "?"), Map.of("cluster.keys", ""));
        Gateway.await("gossip stopped", () -> context.getServiceReference(PeerDirectory.class) == null);
    }

    @Test
    void aPeerAndItsStateShowUpInTheConsoleAndOursReachesIt() throws Exception {
        String key = key();
        int port = freeUdpPort();
        Gateway.update(cm.getConfiguration(Gateway.GOSSIP, "?"), Map.of("node.id", "gw-it", "cluster.name", "it",
                "cluster.keys", Gateway.secret(context, key), "port", port, "state.interval.s", 1L));
        Gateway.await("the peer directory", () -> context.getServiceReference(PeerDirectory.class) != null);
        PeerDirectory directory = context.getService(context.getServiceReference(PeerDirectory.class));
        try (TestPeer peer = new TestPeer("peer-it", "it", key, List.of("127.0.0.1:" + port))) {
            peer.publish("mode", "DEGRADED");
            Gateway.await("the peer alive with its state in the directory", () -> directory.member("peer-it")
                    .filter(m -> m.status() == Member.Status.ALIVE && "DEGRADED".equals(m.state().get("mode")))
                    .isPresent(), () -> directory.members().toString());
            Gateway.await("the peer in wren:peers", () -> peers().contains("peer-it") && peers().contains("mode=DEGRADED"));
            Gateway.await("our power mode at the peer", () -> peer.member("gw-it")
                    .filter(m -> "FULL".equals(m.state().get("mode"))).isPresent(), () -> peer.members().toString());
            directory.publish("site", "pump-house");
            Gateway.await("our own key at the peer", () -> peer.member("gw-it")
                    .filter(m -> "pump-house".equals(m.state().get("site"))).isPresent(),
                    () -> peer.members() + "\n" + peers());

            try (DatagramSocket outsider = new DatagramSocket()) {
                byte[] junk = "not a wren packet, just noise from the network".getBytes();
                for (int i = 0; i < 5; i++) {
                    outsider.send(new DatagramPacket(junk, junk.length, new InetSocketAddress("127.0.0.1", port)));
                }
            }
            Gateway.await("the junk dropped and counted", () -> !peers().contains("dropped none")
                    && directory.traffic().dropped() >= 5, () -> peers() + "\n" + directory.traffic());
            assertEquals(Member.Status.ALIVE, directory.member("peer-it").orElseThrow().status());
            dev.wren.peer.Traffic t = directory.traffic();
            assertTrue(t.dropped() >= 5 && t.packetsIn() > 0 && t.packetsOut() > 0 && t.bytesOut() > t.packetsOut(), t.toString());
        }
        Gateway.await("the peer left", () -> directory.member("peer-it").filter(m -> m.status() == Member.Status.LEFT)
                .isPresent(), () -> directory.members().toString());
    }

    @Test
    void capturedPacketsReplayedReRoutedOrForAnEarlierStartAreRefusedAndCounted() throws Exception {
        String key = key();
        int port = freeUdpPort();
        String gateway = "127.0.0.1:" + port;
        Gateway.update(cm.getConfiguration(Gateway.GOSSIP, "?"), Map.of("node.id", "gw-it", "cluster.name", "it",
                "cluster.keys", Gateway.secret(context, key), "port", port, "state.interval.s", 1L));
        Gateway.await("the peer directory", () -> context.getServiceReference(PeerDirectory.class) != null);
        PeerDirectory directory = context.getService(context.getServiceReference(PeerDirectory.class));
        long epoch = count("boot epoch");
        TestPeer.Sent toGateway;
        try (TestPeer a = new TestPeer("peer-a", "it", key, List.of(gateway));
                TestPeer b = new TestPeer("peer-b", "it", key, List.of(gateway))) {
            Gateway.await("both peers alive at the gateway", () -> directory.members().stream()
                    .filter(m -> m.id().startsWith("peer-") && m.status() == Member.Status.ALIVE).count() == 2,
                    () -> directory.members().toString());
            Gateway.await("peer-a talking to peer-b", () -> last(a, b.address()) != null, () -> a.members().toString());
            Gateway.await("peer-a talking to the gateway", () -> last(a, gateway) != null);
            toGateway = last(a, gateway);
            TestPeer.Sent toB = last(a, b.address());
            try (DatagramSocket attacker = new DatagramSocket()) {
                attacker.send(new DatagramPacket(toGateway.packet(), toGateway.packet().length,
                        new InetSocketAddress("127.0.0.1", port)));
                attacker.send(new DatagramPacket(toB.packet(), toB.packet().length, new InetSocketAddress("127.0.0.1", port)));
            }
            Gateway.await("the replay refused and counted", () -> count("REPLAYED=") == 1, this::peers);
            Gateway.await("the re-routed packet refused and counted", () -> count("MISROUTED=") == 1, this::peers);
            assertEquals(Member.Status.ALIVE, directory.member("peer-a").orElseThrow().status());
        }
        Gateway.update(cm.getConfiguration(Gateway.GOSSIP, "?"), Map.of("node.id", "gw-it", "cluster.name", "it",
                "cluster.keys", Gateway.secret(context, key), "port", port, "state.interval.s", 2L));
        Gateway.await("gossip started again, with a higher boot epoch", () -> count("boot epoch") > epoch, this::peers);
        try (DatagramSocket attacker = new DatagramSocket()) {
            attacker.send(new DatagramPacket(toGateway.packet(), toGateway.packet().length,
                    new InetSocketAddress("127.0.0.1", port)));
        }
        Gateway.await("the packet for the earlier start refused and counted", () -> count("STALE_RECEIVER=") == 1,
                this::peers);
        assertTrue(peers().contains("packets in 0 "), peers());
    }

    /** @return the last packet {@code peer} sent to {@code address}, null when none */
    private static TestPeer.Sent last(TestPeer peer, String address) {
        List<TestPeer.Sent> sent = peer.sent();
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).to().equals(address)) {
                return sent.get(i);
            }
        }
        return null;
    }

    /** @return the number after {@code label} in {@code wren:peers}, -1 when absent */
    private long count(String label) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(label) + " ?(\\d+)")
                .matcher(peers());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    @Test
    void withoutAKeyNothingListensAndABadKeyIsRefusedByName() throws Exception {
        try (LogWatch log = new LogWatch(logReader)) {
            Gateway.update(cm.getConfiguration(Gateway.GOSSIP, "?"),
                    Map.of("cluster.keys", Gateway.secret(context, "c2hvcnQ=")));
            Gateway.await("the short key refused", () -> log.hasError("cluster.keys: key 1 must be 16, 24 or 32 bytes"));
            assertTrue(context.getServiceReference(PeerDirectory.class) == null, "no directory without a good key");
            assertTrue(!peers().contains("c2hvcnQ"), "the keys are never shown");
            Gateway.update(cm.getConfiguration(Gateway.GOSSIP, "?"), Map.of("cluster.keys", ""));
            Gateway.await("gossip off logged", () -> log.has("Gossip off: no cluster.keys"));
            assertTrue(peers().startsWith("gossip off"), peers());
        }
    }

    private String peers() {
        return Gateway.command(context, "peers");
    }

    private static String key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    private static int freeUdpPort() throws java.net.SocketException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }
}
