package dev.wren.itests.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the configuration guard (bundles/config) costs, with and without it in the same run, both with
 * the launcher's small-footprint JVM flags: the restart time of {@code ./wren run} until every Wren
 * component is active ({@link StartupBenchmark#ready}), and the time from saving a Sampler setting in
 * the web console until the Sampler logs it reconfigured. Guard off = framework property
 * {@code wren.config.guard=off}. Prints a Markdown table of medians (and min/max).
 *
 * <p>System properties: {@code runs} (restarts per side, default 5), {@code updates} (per side and run,
 * default 20), {@code wren.home} (the repository root).
 */
public final class ConfigGuardBenchmark {

    /** The wren launcher's default JVM flags, so that both sides differ only by the guard. */
    static final String FLAGS = "-Xms24m -Xmx64m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:+UseSerialGC"
            + " -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=3 -XX:CICompilerCount=1 -Xss512k"
            + " -XX:MaxMetaspaceSize=64m -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=5000";

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 5);
        int updates = Integer.getInteger("updates", 20);
        System.out.printf(Locale.ROOT, "%d restarts and %d x %d updates per side, %d cores, java %s%n%n", runs, runs,
                updates, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<Double> restartOn = new ArrayList<>();
        List<Double> restartOff = new ArrayList<>();
        List<Double> updateOn = new ArrayList<>();
        List<Double> updateOff = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            run(FLAGS, updates, restartOn, updateOn);
            run(FLAGS + " -Dwren.config.guard=off", updates, restartOff, updateOff);
        }
        System.out.println("| configuration guard | restart until all components active (ms) | setting saved until applied (ms) |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| on | %s | %s |%n", stats(restartOn), stats(updateOn));
        System.out.printf(Locale.ROOT, "| off | %s | %s |%n", stats(restartOff), stats(updateOff));
        System.out.printf(Locale.ROOT, "%nmedian difference: restart %+.0f ms, update %+.2f ms%n",
                median(restartOn) - median(restartOff), median(updateOn) - median(updateOff));
    }

    private static void run(String javaOpts, int updates, List<Double> restarts, List<Double> applied) throws Exception {
        Path data = Files.createTempDirectory("wren-guard-bench");
        int port = GatewayProcess.freePort();
        try (GatewayProcess gw = GatewayProcess.start(data, port, javaOpts)) {
            StartupBenchmark.ready(gw);
        }
        try (GatewayProcess gw = GatewayProcess.start(data, port, javaOpts)) {
            double restart = StartupBenchmark.ready(gw);
            restarts.add(restart);
            String password = gw.password();
            List<Double> mine = new ArrayList<>();
            for (int i = 0; i < updates; i++) {
                long period = 7000 + i;
                String line = "Sampler reconfigured: default periods SamplingPeriods[full=" + period + ",";
                int seen = gw.output().size();
                long t0 = System.nanoTime();
                gw.status("POST", "/system/console/configMgr/dev.wren.sampling.Sampler", "admin", password,
                        "apply=true&action=ajaxConfigManager&propertylist=sampling.period.full.ms,threads"
                                + "&sampling.period.full.ms=" + period + "&threads=2");
                mine.add(awaitAfter(gw, seen, line, t0));
            }
            applied.addAll(mine);
            System.out.printf(Locale.ROOT, "  %s: restart %.0f ms, update median %.2f ms%n",
                    javaOpts.contains("guard=off") ? "off" : "on", restart, median(mine));
        }
    }

    /** @return ms from {@code t0} until a line from index {@code from} on contains {@code text} */
    private static double awaitAfter(GatewayProcess gw, int from, String text, long t0) throws InterruptedException {
        long deadline = t0 + 30_000_000_000L;
        int i = from;
        while (System.nanoTime() < deadline) {
            List<String> out = gw.output();
            for (; i < out.size(); i++) {
                if (out.get(i).contains(text)) {
                    return (System.nanoTime() - t0) / 1e6;
                }
            }
            Thread.sleep(0, 200_000);
        }
        throw new AssertionError("not applied: " + text);
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String stats(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", median(v), s[0], s[s.length - 1]);
    }

    private ConfigGuardBenchmark() {
    }
}
