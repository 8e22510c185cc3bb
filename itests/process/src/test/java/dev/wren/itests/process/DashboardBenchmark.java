package dev.wren.itests.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the dashboard costs, on the standalone gateway started with {@code ./wren run} (the launcher's
 * small-footprint JVM flags) and the shipped configuration:
 * <ul>
 * <li>page weight: bytes of the page, of one status.json and of one trends.json, as served (no gzip);</li>
 * <li>time to first render in a real headless Chromium with a fresh profile per run: the Navigation
 * Timing of the page, its first contentful paint, and the time until {@code #updated[data-at]} is set
 * (the first status.json drawn), from the navigation's start; median of {@code runs};</li>
 * <li>the gateway's CPU time ({@code /proc/<pid>/stat} utime + stime) over {@code seconds} with no
 * viewer, with the page open in Chromium, and with no viewer again, in that order; % of one core;</li>
 * <li>memory held by the trend rings: the metric {@code wren_dashboard_trend_bytes}, and the bound
 * the configuration sets (16 bytes a point).</li>
 * </ul>
 * System properties: {@code runs} (default 5), {@code seconds} (default 60), {@code warmup} seconds
 * before the first measurement (default 40), {@code wren.home}. Run: {@code ./wren bench DashboardBenchmark -Druns=5}.
 */
public final class DashboardBenchmark {

    private static final String PAGE = Browser.PAGE;

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 5);
        int seconds = Integer.getInteger("seconds", 60);
        int warmup = Integer.getInteger("warmup", 40);
        long tick = clockTick();
        System.out.printf(Locale.ROOT, "%d runs, CPU windows of %d s, %d s warm-up, %d cores, java %s%n%n", runs, seconds,
                warmup, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Path dir = Files.createTempDirectory("wren-dashboard-bench");
        try (GatewayProcess gw = GatewayProcess.start(dir.resolve("data"), GatewayProcess.freePort(), null,
                Map.of("WREN_CONFIG", Operator.config(dir.resolve("config"), Map.of()).toString()))) {
            Ready.await(gw, Duration.ofSeconds(90));
            long trendBytesAtStart = metric(gw, "wren_dashboard_trend_bytes");
            Thread.sleep(warmup * 1000L);

            // page weight
            long[] page = weight(gw, PAGE);
            long[] status = weight(gw, PAGE + "/status.json");
            long[] trends = weight(gw, PAGE + "/trends.json");
            System.out.println("| document | bytes | Content-Encoding |");
            System.out.println("|---|---|---|");
            System.out.printf(Locale.ROOT, "| page (HTML, inline script and style) | %d | %s |%n", page[0], page[1] == 0 ? "none" : "gzip");
            System.out.printf(Locale.ROOT, "| status.json | %d | %s |%n", status[0], status[1] == 0 ? "none" : "gzip");
            System.out.printf(Locale.ROOT, "| trends.json (%d s after start, %d series) | %d | %s |%n",
                    (System.nanoTime() - gw.startedNanos) / 1_000_000_000, series(gw), trends[0], trends[1] == 0 ? "none" : "gzip");
            System.out.println();

            // first render
            List<double[]> renders = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                try (Browser b = Browser.start(dir.resolve("profile-" + r), 1280, 1000)) {
                    b.open(gw);
                    b.awaitFirstUpdate(Duration.ofSeconds(30));
                    @SuppressWarnings("unchecked")
                    List<Object> t = (List<Object>) b.script("const n = performance.getEntriesByType('navigation')[0];"
                            + "const p = performance.getEntriesByName('first-contentful-paint')[0];"
                            + "return [n.responseStart, n.responseEnd, n.domContentLoadedEventEnd, n.loadEventEnd,"
                            + " p ? p.startTime : -1, Number(document.getElementById('updated').dataset.at) - performance.timeOrigin];");
                    renders.add(t.stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray());
                }
            }
            String[] names = {"first byte of the page (responseStart)", "page received (responseEnd)", "DOMContentLoaded end",
                "load event end", "first contentful paint", "first status.json drawn (#updated[data-at] set)"};
            System.out.println("| from navigation start (ms) | median | min | max |");
            System.out.println("|---|---|---|---|");
            for (int i = 0; i < names.length; i++) {
                final int k = i;
                List<Double> v = renders.stream().map(x -> x[k]).sorted().toList();
                System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", names[i], median(v), v.get(0), v.get(v.size() - 1));
            }
            System.out.println();

            // CPU: no viewer, the page open, no viewer again
            Thread.sleep(5000);
            double closed1 = cpuPercent(gw, seconds, tick);
            double open;
            try (Browser b = Browser.start(dir.resolve("profile-cpu"), 1280, 1000)) {
                b.open(gw);
                b.awaitFirstUpdate(Duration.ofSeconds(30));
                Thread.sleep(5000);
                open = cpuPercent(gw, seconds, tick);
                if (b.updatedAt() < System.currentTimeMillis() - 10_000) {
                    throw new AssertionError("the page stopped updating during the measurement");
                }
            }
            Thread.sleep(5000);
            double closed2 = cpuPercent(gw, seconds, tick);
            double closed = (closed1 + closed2) / 2;
            System.out.println("| gateway CPU over " + seconds + " s (% of one core) | no viewer | page open | no viewer again |");
            System.out.println("|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| measured | %.2f | %.2f | %.2f |%n", closed1, open, closed2);
            System.out.printf(Locale.ROOT, "%nCost of one open page: %+.2f %% of one core (open minus the mean of the two closed windows, %.2f)%n%n",
                    open - closed, closed);

            // trend memory
            long trendBytes = metric(gw, "wren_dashboard_trend_bytes");
            String overview = Files.readString(Path.of(System.getProperty("wren.home", ".")).resolve("config/dev.wren.dashboard.Overview.cfg"));
            long minutes = property(overview, "trend.minutes");
            long bucket = property(overview, "trend.bucket.s");
            long maxSeries = property(overview, "max.series");
            long bound = maxSeries * (minutes * 60 / bucket) * 16;
            System.out.println("| trend rings | bytes |");
            System.out.println("|---|---|");
            System.out.printf(Locale.ROOT, "| wren_dashboard_trend_bytes at start | %d |%n", trendBytesAtStart);
            System.out.printf(Locale.ROOT, "| wren_dashboard_trend_bytes after %d s, %d series | %d |%n",
                    (System.nanoTime() - gw.startedNanos) / 1_000_000_000, series(gw), trendBytes);
            System.out.printf(Locale.ROOT, "| bound: %d series x %d points x 16 bytes | %d |%n", maxSeries, minutes * 60 / bucket, bound);
        }
    }

    /** @return {bytes of the body as sent, 1 if it was compressed} */
    private static long[] weight(GatewayProcess gw, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + gw.port + path).toURL().openConnection();
        c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + gw.password()).getBytes(StandardCharsets.UTF_8)));
        try (InputStream in = c.getInputStream()) {
            long n = in.readAllBytes().length;
            return new long[] {n, c.getHeaderField("Content-Encoding") == null ? 0 : 1};
        } finally {
            c.disconnect();
        }
    }

    private static long metric(GatewayProcess gw, String name) throws IOException {
        Matcher m = Pattern.compile("(?m)^" + name + " ([0-9.eE+]+)$").matcher(gw.get(PAGE + "/metrics"));
        if (!m.find()) {
            throw new IOException("no " + name + " in the metrics");
        }
        return (long) Double.parseDouble(m.group(1));
    }

    private static long series(GatewayProcess gw) throws IOException {
        Matcher m = Pattern.compile("\"trend_series\":(\\d+)").matcher(gw.get(PAGE + "/status.json"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long property(String cfg, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "=(\\d+)").matcher(cfg);
        if (!m.find()) {
            throw new IllegalStateException(name + " not in the shipped configuration");
        }
        return Long.parseLong(m.group(1));
    }

    /** @return the gateway's CPU time over {@code seconds}, in % of one core */
    private static double cpuPercent(GatewayProcess gw, int seconds, long tick) throws Exception {
        long t0 = System.nanoTime();
        long c0 = cpuTicks(gw.pid());
        Thread.sleep(seconds * 1000L);
        long c1 = cpuTicks(gw.pid());
        double wall = (System.nanoTime() - t0) / 1e9;
        return 100.0 * (c1 - c0) / tick / wall;
    }

    /** utime + stime of the process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat) */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long clockTick() throws Exception {
        Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return Long.parseLong(out);
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private DashboardBenchmark() {
    }
}
