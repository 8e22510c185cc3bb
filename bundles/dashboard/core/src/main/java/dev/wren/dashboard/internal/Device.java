package dev.wren.dashboard.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway process and its machine: uptime, CPU, memory and disk, read from the JVM and, where
 * present, procfs. A figure the platform does not offer is left out, never guessed.
 */
final class Device {

    private final Path proc;
    private final Path data;
    private long lastCpuNanos = -1;
    private long lastWallNanos;
    private Double cpuPercent;

    Device(Path proc, Path data) {
        this.proc = proc;
        this.data = data;
    }

    /** @return the figures, by name (units in the names) */
    synchronized Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("gateway_uptime_s", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        first(proc.resolve("uptime")).ifPresent(line -> f.put("host_uptime_s", (long) Double.parseDouble(line.split(" ")[0])));
        Double cpu = processCpu();
        if (cpu != null) {
            f.put("process_cpu_percent", cpu);
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load >= 0) {
            f.put("load_1m", load);
        }
        f.put("cpus", Runtime.getRuntime().availableProcessors());
        Runtime rt = Runtime.getRuntime();
        f.put("heap_used_bytes", rt.totalMemory() - rt.freeMemory());
        f.put("heap_max_bytes", rt.maxMemory());
        Long rss = kB(proc.resolve("self/status"), "VmRSS:");
        if (rss != null) {
            f.put("rss_bytes", rss);
        }
        Long total = kB(proc.resolve("meminfo"), "MemTotal:");
        Long available = kB(proc.resolve("meminfo"), "MemAvailable:");
        if (total != null && available != null) {
            f.put("memory_total_bytes", total);
            f.put("memory_available_bytes", available);
        }
        try {
            FileStore store = Files.getFileStore(data);
            f.put("disk_total_bytes", store.getTotalSpace());
            f.put("disk_free_bytes", store.getUsableSpace());
            f.put("disk_path", data.toString());
        } catch (IOException e) {
            f.put("disk_error", e.getMessage());
        }
        return f;
    }

    /** @return the process's CPU use since the previous call, % of one core; null on the first call */
    private Double processCpu() {
        Duration d = ProcessHandle.current().info().totalCpuDuration().orElse(null);
        long wall = System.nanoTime();
        if (d == null) {
            return null;
        }
        long cpu = d.toNanos();
        if (lastCpuNanos >= 0 && wall - lastWallNanos >= 500_000_000L) {
            cpuPercent = Math.round(1000.0 * (cpu - lastCpuNanos) / (wall - lastWallNanos)) / 10.0;
        }
        if (lastCpuNanos < 0 || wall - lastWallNanos >= 500_000_000L) {
            lastCpuNanos = cpu;
            lastWallNanos = wall;
        }
        return cpuPercent;
    }

    private static java.util.Optional<String> first(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(lines.get(0));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** @return the value of a {@code Name: 123 kB} line in bytes, or null */
    static Long kB(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
