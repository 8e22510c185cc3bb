package dev.wren.itests.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Work sharing on a site of two real gateways ({@link SharingSite}: launcher flags, shipped
 * configuration, a real mosquitto), side by side with its baseline, in one run: {@code gw-a} in
 * MINIMAL with its vibration sensor sampled and its simulated machine given a bearing fault,
 * {@code gw-b} in FULL.
 * <ol>
 * <li>own trigger: {@code gw-a} does not ask ({@code ask.minimal=false}): every 4th analysis window,
 * by the trigger alone (shipped {@code minimal.every=4});</li>
 * <li>own, every: the same on every window ({@code minimal.every=1}), what the CPU would pay to
 * watch as often as sharing does;</li>
 * <li>shared: {@code gw-a} sends each window's features to {@code gw-b}.</li>
 * </ol>
 * For each, over {@code seconds} after a warm-up: {@code gw-a}'s insights per minute at the cloud,
 * how many carry a classifier's label, the latency budget (medians of capture, pre, network, infer,
 * post; the total's median and 95th percentile, in microseconds, as the gateways measured them),
 * bytes per window on the peer channel (from {@code gw-a}'s metrics: both directions, before
 * encryption), and the CPU time each gateway process used per minute.
 * {@code ./wren bench ShareBenchmark -Dwren.home=$PWD -Dseconds=180}
 */
public final class ShareBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("seconds", 180);
        System.out.printf(Locale.ROOT, "%d s per run after 20 s of warm-up; %d cores, java %s%n", seconds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("run          insights/min  classified  capture  pre  network  infer  post  total-p50  "
                + "total-p95  bytes/window  cpu-a s/min  cpu-b s/min");
        run("own trigger", false, 4, seconds);
        run("own, every", false, 1, seconds);
        run("shared", true, 4, seconds);
    }

    private static void run(String name, boolean sharing, int every, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("wren-share-bench");
        try (SharingSite site = new SharingSite(dir, sharing, every)) {
            site.awaitReady();
            site.machine("bearing-fault");
            Thread.sleep(20_000);
            int from = site.insights().size();
            double calls0 = site.metric(0, "wren_peer_channel_calls_out");
            double bytes0 = site.metric(0, "wren_peer_channel_bytes_out") + site.metric(0, "wren_peer_channel_bytes_in");
            double[] cpu0 = {cpu(site.gateway(0)), cpu(site.gateway(1))};
            Thread.sleep(seconds * 1000L);
            List<SharingSite.Received> all = site.insights();
            List<SharingSite.Received> window = all.subList(from, all.size());
            double calls = site.metric(0, "wren_peer_channel_calls_out") - calls0;
            double bytes = site.metric(0, "wren_peer_channel_bytes_out") + site.metric(0, "wren_peer_channel_bytes_in")
                    - bytes0;
            double minutes = seconds / 60.0;
            long classified = window.stream().filter(r -> "vibration-classifier".equals(r.model())).count();
            System.out.printf(Locale.ROOT, "%-12s %12.1f  %10d  %7d  %3d  %7d  %5d  %4d  %9d  %9d  %12s  %11.2f  %11.2f%n",
                    name, window.size() / minutes, classified, median(window, SharingSite.Received::capture),
                    median(window, SharingSite.Received::pre), median(window, SharingSite.Received::network),
                    median(window, SharingSite.Received::infer), median(window, SharingSite.Received::post),
                    median(window, SharingSite.Received::total), percentile(window, SharingSite.Received::total, 0.95),
                    calls == 0 ? "-" : String.format(Locale.ROOT, "%.0f", bytes / calls),
                    (cpu(site.gateway(0)) - cpu0[0]) / minutes, (cpu(site.gateway(1)) - cpu0[1]) / minutes);
        }
    }

    private static long median(List<SharingSite.Received> r, ToLongFunction<SharingSite.Received> f) {
        return percentile(r, f, 0.5);
    }

    private static long percentile(List<SharingSite.Received> r, ToLongFunction<SharingSite.Received> f, double p) {
        long[] v = r.stream().mapToLong(f).sorted().toArray();
        return v.length == 0 ? -1 : v[Math.min(v.length - 1, (int) Math.floor(p * v.length))];
    }

    /** @return the process's user and system CPU time so far, in seconds (clock ticks of 1/100 s) */
    private static double cpu(GatewayProcess g) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(g.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }
}
