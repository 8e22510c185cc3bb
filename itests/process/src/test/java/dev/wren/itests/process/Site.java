package dev.wren.itests.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wren.store.testing.SequenceChecker;
import dev.wren.uplink.testing.Mosquitto;
import dev.wren.uplink.testing.Subscriber;

/**
 * Three gateways of one site on loopback, each a process started with {@code ./wren run} on the
 * shipped configuration plus gossip (one cluster key), a real mosquitto as the cloud, and a cloud
 * subscriber that checks each gateway's id sequence. {@code gw-a} and {@code gw-b} reach the broker
 * through a {@link TcpCut} (their WAN link), {@code gw-c} directly. Readings go to the outbox every
 * {@code sampleMs} per sensor; the uplinks retry within 2 s.
 */
final class Site implements AutoCloseable {

    static final String[] IDS = {"gw-a", "gw-b", "gw-c"};
    static final Duration START = Duration.ofSeconds(120);

    private final Path dir;
    private final Mosquitto broker;
    private final Subscriber cloud;
    private final TcpCut[] links = new TcpCut[2];
    private final GatewayProcess[] gateways = new GatewayProcess[3];
    private final Map<String, Path> configs = new HashMap<>();
    private final List<GatewayProcess> all = new ArrayList<>();

    /**
     * @param relayAfterS the relay's {@code after.s}; negative turns handing over off (the baseline)
     */
    Site(Path dir, int relayAfterS, long sampleMs) throws Exception {
        this.dir = dir;
        broker = Mosquitto.in(dir.resolve("broker")).build().start();
        cloud = Subscriber.connect(broker, "cloud", false, "wren/#");
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        String key = Base64.getEncoder().encodeToString(k);
        int[] ports = {GatewayProcess.freePort(), GatewayProcess.freePort(), GatewayProcess.freePort()};
        for (int i = 0; i < 2; i++) {
            links[i] = new TcpCut(broker.port());
        }
        for (int i = 0; i < 3; i++) {
            int brokerPort = i < 2 ? links[i].port() : broker.port();
            configs.put(IDS[i], config(IDS[i], key, ports[i], i == 0 ? "" : "127.0.0.1:" + ports[0], brokerPort,
                    relayAfterS, sampleMs));
        }
        for (int i = 0; i < 3; i++) {
            gateways[i] = start(IDS[i]);
        }
    }

    private GatewayProcess start(String id) throws IOException {
        GatewayProcess g = GatewayProcess.start(dir.resolve("data-" + id), GatewayProcess.freePort(), null,
                Map.of("WREN_CONFIG", configs.get(id).toString()));
        all.add(g);
        return g;
    }

    GatewayProcess gateway(int i) {
        return gateways[i];
    }

    /** Waits until every gateway knows the two others and every uplink connected once. */
    void awaitReady() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            gateways[i].awaitLine("Uplink connected to", START);
            for (int j = 0; j < 3; j++) {
                if (i != j) {
                    gateways[i].awaitLine("Peer " + IDS[j] + " at .*: joined", START);
                }
            }
        }
    }

    void cut() throws IOException {
        links[0].cut();
        links[1].cut();
    }

    void restore() throws IOException {
        links[0].restore();
        links[1].restore();
    }

    /** SIGKILLs {@code gw-c} and starts it again on its data directory; @return when it was killed */
    long killAndRestartC() throws Exception {
        long t = System.nanoTime();
        gateways[2].kill();
        gateways[2] = start(IDS[2]);
        return t;
    }

    /** @return messages of {@code id} the cloud received so far (gap reports included) */
    int received(String id) {
        String prefix = "wren/" + id + "/";
        return (int) cloud.received().stream().filter(r -> r.topic().startsWith(prefix) && r.id() > 0).count();
    }

    /** @return the distinct message ids of {@code id} the cloud received so far (gap reports included) */
    int distinct(String id) {
        String prefix = "wren/" + id + "/";
        return (int) cloud.received().stream().filter(r -> r.topic().startsWith(prefix) && r.id() > 0)
                .mapToLong(Subscriber.Received::id).distinct().count();
    }

    /** @return the cloud's verdict on {@code id}'s sequence */
    SequenceChecker.Verdict verdict(String id) {
        SequenceChecker c = new SequenceChecker();
        String prefix = "wren/" + id + "/";
        for (Subscriber.Received r : cloud.received()) {
            if (r.topic().startsWith(prefix) && !r.topic().endsWith("/state")) {
                c.message(r.topic(), r.payload());
            }
        }
        return c.verdict();
    }

    /** @return messages the gateway's outbox accepted so far, from its metrics (its highest id or below) */
    long accepted(int i) throws IOException {
        Matcher m = Pattern.compile("(?m)^wren_outbox_accepted(?:_total)? ([0-9.eE+]+)$")
                .matcher(gateways[i].get(Browser.PAGE + "/metrics"));
        if (!m.find()) {
            throw new IOException("no wren_outbox_accepted in the metrics of " + IDS[i]);
        }
        return (long) Double.parseDouble(m.group(1));
    }

    /**
     * Waits until the cloud holds every message {@code id} accepted up to {@code accepted} without a silent
     * gap; @return the time that took, or -1 on timeout
     */
    long awaitComplete(String id, long accepted, Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            SequenceChecker.Verdict v = verdict(id);
            if (v.high() >= accepted && v.missing() == 0) {
                return System.nanoTime() - t0;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private Path config(String id, String key, int gossipPort, String seeds, int brokerPort, int relayAfterS,
            long sampleMs) throws IOException {
        SiteConfig c = new SiteConfig(dir.resolve("config-" + id)).gossip(id, key, gossipPort, seeds).uplink(id, brokerPort);
        c.write("dev.wren.uplink.PeerRelay.cfg", "enabled=" + (relayAfterS >= 0), "after.s=" + Math.max(0, relayAfterS),
                "accept=true", "batch=200", "timeout.s=10");
        c.set("dev.wren.store.OutboxSink-telemetry.cfg", "interval.ms", Long.toString(sampleMs));
        // the power manager would go DEGRADED after a minute without uplink and thin the sampling out: the figures
        // compare the relay with waiting, at one sampling rate
        c.set("dev.wren.power.PowerManager.cfg", "mode.override", "FULL");
        return c.dir();
    }

    @Override
    public void close() throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "site-logs"));
        int n = 0;
        for (GatewayProcess g : all) {
            g.close();
            Files.write(logs.resolve(n++ + ".log"), g.output());
        }
        cloud.close();
        for (TcpCut l : links) {
            if (l != null) {
                l.close();
            }
        }
        broker.close();
    }
}
