package dev.wren.itests.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wren.itests.process.probe.ShellProbe;
import dev.wren.uplink.testing.Mosquitto;
import dev.wren.uplink.testing.Subscriber;

/**
 * Two gateways of one site on loopback for work sharing, each a process started with
 * {@code ./wren run} on the shipped configuration plus gossip (one cluster key), and a real
 * mosquitto as the cloud. {@code gw-a} is held in MINIMAL (its vibration sensor still sampled, its
 * uplink connected, every insight stored), {@code gw-b} in FULL. {@code gw-a} asks its peers only
 * when {@code sharing} is on; the relay is off on both.
 */
final class SharingSite implements AutoCloseable {

    static final String[] IDS = {"gw-a", "gw-b"};

    /** One insight of {@code gw-a} as the cloud received it; times in microseconds, {@code servedBy} null when local. */
    record Received(String label, String model, String servedBy, long capture, long pre, long network, long infer,
            long post) {

        long total() {
            return capture + pre + network + infer + post;
        }
    }

    private static final Pattern FIELD = Pattern.compile("\"([a-z_]+)\":(\"[^\"]*\"|-?[0-9.]+)");

    private final Path dir;
    private final Mosquitto broker;
    private final Subscriber cloud;
    private final GatewayProcess[] gateways = new GatewayProcess[2];
    private final List<GatewayProcess> all = new ArrayList<>();

    SharingSite(Path dir, boolean sharing) throws Exception {
        this(dir, sharing, 4);
    }

    /** @param minimalEvery the vibration pipeline's {@code minimal.every} on {@code gw-a} (shipped: 4) */
    SharingSite(Path dir, boolean sharing, int minimalEvery) throws Exception {
        this.dir = dir;
        broker = Mosquitto.in(dir.resolve("broker")).build().start();
        cloud = Subscriber.connect(broker, "cloud", false, "wren/+/vibration/insight");
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        String key = Base64.getEncoder().encodeToString(k);
        int[] ports = {GatewayProcess.freePort(), GatewayProcess.freePort()};
        for (int i = 0; i < 2; i++) {
            SiteConfig c = new SiteConfig(dir.resolve("config-" + IDS[i]))
                    .gossip(IDS[i], key, ports[i], i == 0 ? "" : "127.0.0.1:" + ports[0]).uplink(IDS[i], broker.port())
                    .set("dev.wren.uplink.Uplink.cfg", "minimal.interval.s", "0")
                    .set("dev.wren.power.PowerManager.cfg", "mode.override", i == 0 ? "MINIMAL" : "FULL")
                    .set("dev.wren.driver.mpu6050.Mpu6050-vibration.cfg", "sampling.period.minimal.ms", "100")
                    .set("dev.wren.store.InsightSink-conditions.cfg", "interval.ms", "0")
                    .write("dev.wren.uplink.PeerRelay.cfg", "enabled=false", "accept=false")
                    .set("dev.wren.inference.Pipeline.cfg", "minimal.every", Integer.toString(i == 0 ? minimalEvery : 4))
                    .write("dev.wren.inference.WorkSharing.cfg", "ask.minimal=" + sharing, "serve=true");
            GatewayProcess g = GatewayProcess.start(dir.resolve("data-" + IDS[i]), GatewayProcess.freePort(), null,
                    Map.of("WREN_CONFIG", c.dir().toString()));
            all.add(g);
            gateways[i] = g;
        }
    }

    GatewayProcess gateway(int i) {
        return gateways[i];
    }

    /** Waits until both uplinks connected and each gateway knows the other. */
    void awaitReady() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            gateways[i].awaitLine("Uplink connected to", Site.START);
            gateways[i].awaitLine("Peer " + IDS[1 - i] + " at .*: joined", Site.START);
        }
    }

    /** Gives {@code gw-a}'s simulated machine a condition, as {@code wren:sim vibration <condition>} typed in its shell. */
    void machine(String condition) throws IOException, InterruptedException {
        String command = "wren:sim vibration " + condition;
        Path probe = ShellProbe.bundle(dir.resolve("probe-" + condition), "dev.wren.itests.share." + condition.replace('-', '.'),
                command);
        int status = new Operator(gateways[0]).install(probe);
        if (status >= 400) {
            throw new IOException("probe not installed: HTTP " + status);
        }
        String line = gateways[0].awaitLine(Pattern.quote(ShellProbe.PREFIX + command + " -> "), Site.START);
        if (!"ok".equals(ShellProbe.result(line))) {
            throw new IOException(line);
        }
    }

    /** @return {@code gw-a}'s insights the cloud received so far, in order */
    List<Received> insights() {
        List<Received> out = new ArrayList<>();
        for (Subscriber.Received r : cloud.received()) {
            if (r.topic().startsWith("wren/gw-a/")) {
                Map<String, String> f = new java.util.HashMap<>();
                Matcher m = FIELD.matcher(r.text());
                while (m.find()) {
                    f.put(m.group(1), m.group(2).replace("\"", ""));
                }
                out.add(new Received(f.get("label"), f.get("model"), f.get("served_by"), us(f, "t_capture_us"),
                        us(f, "t_pre_us"), us(f, "t_network_us"), us(f, "t_infer_us"), us(f, "t_post_us")));
            }
        }
        return out;
    }

    private static long us(Map<String, String> f, String key) {
        String v = f.get(key);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** Waits until the cloud holds {@code n} insights of {@code gw-a}; @return them */
    List<Received> awaitInsights(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (insights().size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(insights().size() + " insights of gw-a at the cloud, waited for " + n
                        + "; gw-a's output:\n" + String.join("\n", gateways[0].output()));
            }
            Thread.sleep(100);
        }
        return insights();
    }

    /** @return a counter or gauge of a gateway's metrics, 0 when absent */
    double metric(int i, String name) throws IOException {
        Matcher m = Pattern.compile("(?m)^" + name + "(?:_total)? ([0-9.eE+]+)$")
                .matcher(gateways[i].get(Browser.PAGE + "/metrics"));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Override
    public void close() throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "sharing-logs"));
        int n = 0;
        for (GatewayProcess g : all) {
            g.close();
            Files.write(logs.resolve(n++ + ".log"), g.output());
        }
        cloud.close();
        broker.close();
    }
}
