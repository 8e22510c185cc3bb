package dev.wren.itests.process;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wren.store.Message;
import dev.wren.store.internal.DerbyOutbox;
import dev.wren.store.internal.OutboxLimits;
import dev.wren.uplink.testing.Mosquitto;
import dev.wren.uplink.testing.Subscriber;

/**
 * How long an orderly stop takes, and what a repaired framework storage costs the next start.
 * <ul>
 * <li><b>Stop</b>: time from SIGTERM to the process having exited (what systemd waits for), and
 * the framework's own "Stopped in N ms", for a gateway with no broker configured, one connected
 * and idle, and one connected while draining a backlog of {@code backlog} messages (written into
 * its outbox before the start).</li>
 * <li><b>Restart</b>: process start to every Wren component active, for a normal restart, a
 * restart that repairs the storage (a shipped model uninstalled and the same jar installed from
 * another location through the console, as in issue 12), and a restart with the bundle cache
 * deleted (everything installed again, configuration kept).</li>
 * </ul>
 * Each gateway is started once before measuring (class data sharing archive written). Prints
 * medians (min-max). System properties: {@code runs} (5), {@code backlog} (100000),
 * {@code restart} (true: also the restart and on-disk parts), {@code wren.home}. The draining
 * gateway gets SIGTERM as soon as the subscriber has 1000 messages of the backlog, without
 * waiting for the rest of the gateway to be up.
 */
public final class StopBenchmark {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Pattern STOPPED = Pattern.compile("\\[dev\\.wren\\.launcher\\] Stopped in (\\d+) ms");

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("wren-stop");
        try {
            run(dir);
        } finally {
            deleteTree(dir);
        }
    }

    private static void run(Path dir) throws Exception {
        int runs = Integer.getInteger("runs", 5);
        int backlog = Integer.getInteger("backlog", 100_000);
        System.out.printf(Locale.ROOT, "%d runs, backlog %d, %d cores, java %s%n%n", runs, backlog,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<double[]> idle = new ArrayList<>();
        List<double[]> connected = new ArrayList<>();
        List<double[]> draining = new ArrayList<>();
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).start();
                Subscriber sub = Subscriber.connect(broker, "bench", true, "wren/#")) {
            Path shipped = Operator.config(dir.resolve("config-off"), Map.of());
            Path uplink = StopIT.uplinkConfig(dir.resolve("config-on"), broker.url());
            Path off = dir.resolve("off");
            Path on = dir.resolve("on");
            stop(off, shipped);
            stop(on, uplink);
            for (int i = 0; i < runs; i++) {
                idle.add(stop(off, shipped));
                connected.add(stop(on, uplink));
                fill(on.resolve("outbox"), backlog);
                int before = sub.count();
                draining.add(stop(on, uplink, false, () -> sub.await(l -> l.size() > before + 1000, START)));
                System.out.printf(Locale.ROOT, "    the broker had delivered %d of %d when the gateway exited%n",
                        sub.count() - before, backlog);
            }
        }
        System.out.println("| gateway at SIGTERM | SIGTERM to process exit (ms) | framework stop, logged (ms) |");
        System.out.println("|---|---|---|");
        row("no broker configured", idle);
        row("connected to mosquitto, idle", connected);
        row("connected, draining a " + backlog + "-message backlog", draining);

        if (!Boolean.parseBoolean(System.getProperty("restart", "true"))) {
            return;
        }
        Path data = dir.resolve("restart");
        Path upload = Operator.shippedJar(HealIT.TRIGGER, dir.resolve("upload"));
        List<Double> normal = new ArrayList<>();
        List<Double> repaired = new ArrayList<>();
        List<Double> discarded = new ArrayList<>();
        start(data, null).terminate(START);
        for (int i = 0; i < runs; i++) {
            normal.add(startAndStop(data));
            try (GatewayProcess gw = start(data, null)) {
                Operator op = HealIT.ready(gw);
                op.uninstall(op.bundles(HealIT.TRIGGER).get(0).id());
                Operator.await(START, () -> op.bundles(HealIT.TRIGGER).isEmpty() ? true : null, "uninstalled");
                op.install(upload);
                Operator.await(START, () -> HealIT.active(op, HealIT.TRIGGER) ? true : null, "installed");
                gw.terminate(START);
            }
            repaired.add(startAndStop(data));
            deleteTree(data.resolve("cache/framework"));
            discarded.add(startAndStop(data));
        }
        System.out.println();
        System.out.println("| restart | process start to all Wren components active (ms) |");
        System.out.println("|---|---|");
        System.out.println("| normal (consistent storage) | " + stats(normal) + " |");
        System.out.println("| repairing the storage (model reinstalled from another location) | " + stats(repaired) + " |");
        System.out.println("| bundle cache deleted (all bundles installed again) | " + stats(discarded) + " |");

        System.out.println();
        System.out.println("| on disk | bytes |");
        System.out.println("|---|---|");
        for (String part : List.of("cache/framework", "cache/cds", "config", "console-password", "outbox")) {
            System.out.printf(Locale.ROOT, "| %s | %d |%n", part, size(data.resolve(part)));
        }
        Path outbox = dir.resolve("footprint");
        fill(outbox, 1);
        long empty = size(outbox);
        fill(outbox, backlog);
        System.out.printf(Locale.ROOT, "| outbox holding 1 message | %d |%n| outbox holding %d messages "
                + "(%d bytes of JSON each) | %d: %.0f bytes per message |%n", empty, backlog + 1,
                json(backlog).length, size(outbox), (size(outbox) - empty) / (double) backlog);
    }

    private static long size(Path p) throws Exception {
        try (var files = Files.walk(p)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static byte[] json(int i) {
        return ("{\"sensor\":\"bench\",\"v\":" + i + ".5,\"unit\":\"degC\"}").getBytes(StandardCharsets.UTF_8);
    }

    interface Condition {
        boolean await() throws Exception;
    }

    private static double[] stop(Path data, Path config) throws Exception {
        return stop(data, config, true, () -> true);
    }

    /** @return {SIGTERM to exit ms, logged framework stop ms} */
    private static double[] stop(Path data, Path config, boolean ready, Condition before) throws Exception {
        try (GatewayProcess gw = start(data, config)) {
            if (ready) {
                Ready.await(gw, START);
            }
            if (!before.await()) {
                throw new AssertionError("not draining");
            }
            long t0 = System.nanoTime();
            if (!gw.terminate(START)) {
                throw new AssertionError("still running after SIGTERM");
            }
            double exit = (System.nanoTime() - t0) / 1e6;
            double logged = gw.output().stream().map(STOPPED::matcher).filter(Matcher::find)
                    .mapToDouble(m -> Double.parseDouble(m.group(1))).findFirst().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "  %s: exit %.0f ms, framework %.0f ms%n", data.getFileName(), exit, logged);
            gw.output().stream().filter(l -> l.contains("Uplink stopped in")).findFirst()
                    .ifPresent(l -> System.out.println("    " + l.substring(l.indexOf("Uplink"))));
            return new double[] {exit, logged};
        }
    }

    private static double startAndStop(Path data) throws Exception {
        try (GatewayProcess gw = start(data, null)) {
            double ms = Ready.await(gw, START);
            System.out.printf(Locale.ROOT, "  ready in %.0f ms%s%n", ms, gw.output().stream()
                    .anyMatch(l -> l.contains("was inconsistent")) ? " (storage repaired)" : "");
            gw.terminate(START);
            return ms;
        }
    }

    private static GatewayProcess start(Path data, Path config) throws Exception {
        return GatewayProcess.start(data, GatewayProcess.freePort(), null,
                config == null ? Map.of() : Map.of("WREN_CONFIG", config.toString()));
    }

    /** Puts {@code n} telemetry-sized messages into the outbox of a stopped gateway. */
    private static void fill(Path outboxDir, int n) throws Exception {
        try (DerbyOutbox outbox = DerbyOutbox.open(outboxDir, OutboxLimits.DEFAULTS)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Long>> puts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] json = json(i);
                puts.add(pool.submit(() -> outbox.put(new Message("bench/backlog", json, Message.TELEMETRY))));
            }
            for (Future<Long> f : puts) {
                f.get();
            }
            pool.shutdown();
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static void row(String name, List<double[]> runs) {
        List<Double> exit = runs.stream().map(r -> r[0]).toList();
        List<Double> logged = runs.stream().map(r -> r[1]).toList();
        System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", name, stats(exit), stats(logged));
    }

    /** @return "median (min-max)" */
    private static String stats(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        return String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", median, s[0], s[s.length - 1]);
    }

    private StopBenchmark() {
    }
}
