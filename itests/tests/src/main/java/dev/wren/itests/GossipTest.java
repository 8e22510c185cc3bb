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
 * the power state service) reaches the peer, garbage from outsiders is dropped and counted, and a
 * configuration without a key or with a bad one starts nothing.
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
                "cluster.keys", key, "port", port, "state.interval.s", 1L));
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
            Gateway.await("the junk dropped and counted", () -> !peers().contains("dropped none"), this::peers);
            assertEquals(Member.Status.ALIVE, directory.member("peer-it").orElseThrow().status());
        }
        Gateway.await("the peer left", () -> directory.member("peer-it").filter(m -> m.status() == Member.Status.LEFT)
                .isPresent(), () -> directory.members().toString());
    }

    @Test
    void withoutAKeyNothingListensAndABadKeyIsRefusedByName() throws Exception {
        try (LogWatch log = new LogWatch(logReader)) {
            Gateway.update(cm.getConfiguration(Gateway.GOSSIP, "?"), Map.of("cluster.keys", "c2hvcnQ="));
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
