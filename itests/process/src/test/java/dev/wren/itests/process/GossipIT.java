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
 * configuration: three find each other through one seed, when one is killed with SIGKILL the
 * other two declare it dead, and when it starts again on its data directory (a higher boot epoch,
 * so the others must take its new packets and it must take theirs) all three know each other
 * again; two without seeds find each other by multicast discovery. Their logs are the witness (a
 * peer joining or dying is logged at INFO with its id, the boot epoch at start).
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
            long firstEpoch = epoch(gateways.get(2));
            gateways.get(2).kill();
            for (int i = 0; i < 2; i++) {
                gateways.get(i).awaitLine("Peer gw-c at 127\\.0\\.0\\.1:" + ports[2] + ": dead", Duration.ofSeconds(60));
            }
            GatewayProcess again = GatewayProcess.start(dir.resolve("data-gw-c"), GatewayProcess.freePort(), null,
                    Map.of("WREN_CONFIG", dir.resolve("config-gw-c").toString()));
            gateways.add(again);
            long secondEpoch = epoch(again);
            if (secondEpoch <= firstEpoch) {
                throw new AssertionError("boot epoch " + secondEpoch + " after " + firstEpoch);
            }
            for (int i = 0; i < 2; i++) {
                again.awaitLine("Peer " + IDS[i] + " at 127\\.0\\.0\\.1:" + ports[i] + ": joined", START);
                awaitLines(gateways.get(i), "Peer gw-c at 127\\.0\\.0\\.1:" + ports[2] + ": joined", 2, START);
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

    /** @return the boot epoch the gateway's gossip logged at start */
    private static long epoch(GatewayProcess g) throws InterruptedException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("boot epoch (\\d+)")
                .matcher(g.awaitLine("Gossip: node .*, boot epoch \\d+", START));
        m.find();
        return Long.parseLong(m.group(1));
    }

    /** Waits for {@code count} output lines matching {@code regex}. */
    private static void awaitLines(GatewayProcess g, String regex, int count, Duration timeout) throws InterruptedException {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        long n = 0;
        while (System.nanoTime() < deadline) {
            n = g.output().stream().filter(l -> p.matcher(l).find()).count();
            if (n >= count) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(n + " lines matching /" + regex + "/ within " + timeout.toSeconds() + " s, not "
                + count + "; output:\n" + String.join("\n", g.output()));
    }

    /** The shipped configuration with gossip on: this node's id, the cluster key, its port and more lines. */
    private Path config(String id, String key, int port, String more) throws IOException {
        Path config = Files.createDirectories(dir.resolve("config-" + id)); // also used by a restart
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
