package dev.wren.itests.process;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real gateways on loopback, each its own process started with {@code ./wren run} and its own
 * configuration: three find each other through one seed, and when one is killed with SIGKILL the
 * other two declare it dead; two without seeds find each other by multicast discovery. Their logs are the witness (a peer joining or dying is logged at
 * INFO with its id).
 */
class GossipIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final String[] IDS = {"gw-a", "gw-b", "gw-c"};

    @TempDir
    Path dir;

    @Test
    void threeGatewaysFindEachOtherAndTheSurvivorsDeclareAKilledOneDead() throws Exception {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        String key = Base64.getEncoder().encodeToString(k);
        int[] ports = {freeUdpPort(), freeUdpPort(), freeUdpPort()};
        List<GatewayProcess> gateways = new ArrayList<>();
        try {
            for (int i = 0; i < IDS.length; i++) {
                Path config = config(IDS[i], key, ports[i], "seeds=" + (i == 0 ? "" : "127.0.0.1:" + ports[0]));
                gateways.add(GatewayProcess.start(dir.resolve("data-" + IDS[i]), GatewayProcess.freePort(), null,
                        Map.of("WREN_CONFIG", config.toString())));
            }
            for (int i = 0; i < IDS.length; i++) {
                for (int j = 0; j < IDS.length; j++) {
                    if (i != j) {
                        gateways.get(i).awaitLine("Peer " + IDS[j] + " at 127\\.0\\.0\\.1:" + ports[j] + ": joined", START);
                    }
                }
            }
            gateways.get(2).kill();
            for (int i = 0; i < 2; i++) {
                gateways.get(i).awaitLine("Peer gw-c at 127\\.0\\.0\\.1:" + ports[2] + ": dead", Duration.ofSeconds(60));
            }
        } finally {
            for (GatewayProcess g : gateways) {
                g.close();
            }
        }
    }

    @Test
    void twoGatewaysWithoutSeedsFindEachOtherByMulticast() throws Exception {
        byte[] k = new byte[16];
        new SecureRandom().nextBytes(k);
        String key = Base64.getEncoder().encodeToString(k);
        int[] ports = {freeUdpPort(), freeUdpPort()};
        String group = "multicast.group=239.255.42.99:" + freeUdpPort();
        List<GatewayProcess> gateways = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Path config = config(IDS[i], key, ports[i], "multicast.discovery=true\n" + group);
                gateways.add(GatewayProcess.start(dir.resolve("data-" + IDS[i]), GatewayProcess.freePort(), null,
                        Map.of("WREN_CONFIG", config.toString())));
            }
            gateways.get(0).awaitLine("Peer gw-b at 127\\.0\\.0\\.1:" + ports[1] + ": joined", START);
            gateways.get(1).awaitLine("Peer gw-a at 127\\.0\\.0\\.1:" + ports[0] + ": joined", START);
        } finally {
            for (GatewayProcess g : gateways) {
                g.close();
            }
        }
    }

    /** The shipped configuration with gossip on: this node's id, the cluster key, its port and more lines. */
    private Path config(String id, String key, int port, String more) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config-" + id));
        Path shipped = Path.of(System.getProperty("wren.home", ".")).resolve("config");
        try (Stream<Path> files = Files.list(shipped)) {
            for (Path f : files.toList()) {
                Files.copy(f, config.resolve(f.getFileName()));
            }
        }
        Files.writeString(config.resolve("dev.wren.gossip.Gossip.cfg"), String.join("\n",
                "node.id=" + id, "cluster.name=it", "cluster.keys=" + key, "bind.address=127.0.0.1", "port=" + port,
                more, "profile=lan", "state.interval.s=2", ""));
        return config;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }
}
