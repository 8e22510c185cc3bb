package dev.wren.itests.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * MPU-6050 vibration windows at 1 kHz through the driver and the sampler of a running gateway on
 * the simulated board, against the same gateway with the MPU-6050 not read (its FULL period 0),
 * alternating, in one run. Per configuration: the gateway's CPU time over the measured interval
 * (utime + stime from /proc, % of one core), the bytes it allocated (from jstat: young
 * collections times eden capacity plus the change of eden use; SerialGC) and the vibration
 * windows that failed (the sampler logs each failed read at DEBUG: an overflowed FIFO is one).
 */
public final class VibrationBenchmark {

    record Sample(double cpuPercent, double allocatedBytesPerSecond, long failedWindows) {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 3);
        int seconds = Integer.getInteger("seconds", 60);
        int warmup = Integer.getInteger("warmup", 20);
        System.out.printf(Locale.ROOT, "%d runs per configuration, %d s measured after %d s, %d cores, java %s%n%n",
                runs, seconds, warmup, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        List<Sample> with = new ArrayList<>();
        List<Sample> without = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            with.add(measure(true, seconds, warmup));
            without.add(measure(false, seconds, warmup));
        }
        double windowsPerSecond = 10;
        System.out.println("| gateway on the simulated board | CPU, % of one core | allocated, kB/s | failed windows |");
        System.out.println("|---|---|---|---|");
        row("MPU-6050 windows at 1 kHz, 100 ms windows, + all other sensors", with);
        row("same, MPU-6050 not read (baseline)", without);
        double cpu = median(with, Sample::cpuPercent) - median(without, Sample::cpuPercent);
        double alloc = median(with, Sample::allocatedBytesPerSecond) - median(without, Sample::allocatedBytesPerSecond);
        System.out.printf(Locale.ROOT, "%nCost of the windows (medians, with - baseline): %.2f %% of one core, %.0f bytes per window "
                + "(%d windows/s, %d expected per run, %d failed in all runs)%n", cpu, alloc / windowsPerSecond,
                (int) windowsPerSecond, (int) (seconds * windowsPerSecond), with.stream().mapToLong(Sample::failedWindows).sum());
    }

    private static Sample measure(boolean mpu, int seconds, int warmup) throws Exception {
        Path config = config(mpu);
        Path data = Files.createTempDirectory("wren-vib");
        try (GatewayProcess gw = GatewayProcess.start(data, GatewayProcess.freePort(), null,
                Map.of("WREN_CONFIG", config.toString(), "WREN_LOG_LEVEL", "DEBUG"))) {
            gw.awaitLine("Board simulated", Duration.ofSeconds(60));
            Thread.sleep(warmup * 1000L);
            long cpu0 = cpuTicks(gw.pid());
            long[] gc0 = jstat(gw.pid());
            int lines0 = gw.output().size();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long cpu1 = cpuTicks(gw.pid());
            long[] gc1 = jstat(gw.pid());
            double wall = (System.nanoTime() - t0) / 1e9;
            List<String> out = gw.output();
            long failed = out.subList(lines0, out.size()).stream()
                    .filter(l -> l.contains("Sensor vibration read failed") || l.contains("Sensor vibration faulted")).count();
            // ticks are 1/100 s on Linux
            double cpuPercent = (cpu1 - cpu0) / wall;
            double allocated = (gc1[0] - gc0[0]) * (double) gc1[1] + (gc1[2] - gc0[2]);
            Sample s = new Sample(cpuPercent, allocated / wall, failed);
            System.out.printf(Locale.ROOT, "  %s: CPU %.2f %%, %.0f kB/s allocated, %d failed windows%n",
                    mpu ? "with" : "without", s.cpuPercent, s.allocatedBytesPerSecond / 1024, failed);
            return s;
        }
    }

    /** The default configuration, logging at DEBUG; without {@code mpu} the MPU-6050 is not read. */
    private static Path config(boolean mpu) throws IOException {
        Path home = Path.of(System.getProperty("wren.home", ".")).toAbsolutePath().normalize();
        Path dir = Files.createTempDirectory("wren-vib-config");
        try (Stream<Path> files = Files.list(home.resolve("config"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                String name = f.getFileName().toString();
                if (name.startsWith("dev.wren.standalone.LogWriter")) {
                    text = text.replace("level=INFO", "level=DEBUG");
                }
                if (!mpu && name.startsWith("dev.wren.driver.mpu6050")) {
                    text = text.replace("sampling.period.full.ms=100", "sampling.period.full.ms=0");
                }
                Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
            }
        }
        return dir;
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** @return young collections, eden capacity (bytes), eden used (bytes) */
    private static long[] jstat(long pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jstat", "-gc", Long.toString(pid)).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        p.waitFor();
        List<String> head = Arrays.asList(lines.get(0).trim().split("\\s+"));
        String[] v = lines.get(1).trim().split("\\s+");
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < head.size(); i++) {
            if (!v[i].equals("-")) {
                m.put(head.get(i), Double.parseDouble(v[i]));
            }
        }
        return new long[] {m.get("YGC").longValue(), (long) (m.get("EC") * 1024), (long) (m.get("EU") * 1024)};
    }

    private static double median(List<Sample> s, java.util.function.ToDoubleFunction<Sample> f) {
        double[] v = s.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void row(String name, List<Sample> s) {
        System.out.printf(Locale.ROOT, "| %s | %.2f (%.2f-%.2f) | %.0f (%.0f-%.0f) | %d |%n", name,
                median(s, Sample::cpuPercent), min(s, Sample::cpuPercent), max(s, Sample::cpuPercent),
                median(s, Sample::allocatedBytesPerSecond) / 1024, min(s, Sample::allocatedBytesPerSecond) / 1024,
                max(s, Sample::allocatedBytesPerSecond) / 1024, s.stream().mapToLong(Sample::failedWindows).sum());
    }

    private static double min(List<Sample> s, java.util.function.ToDoubleFunction<Sample> f) {
        return s.stream().mapToDouble(f).min().orElse(0);
    }

    private static double max(List<Sample> s, java.util.function.ToDoubleFunction<Sample> f) {
        return s.stream().mapToDouble(f).max().orElse(0);
    }

    private VibrationBenchmark() {
    }
}
