package dev.wren.driver.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU usage over the time between two samples, from the aggregate line of {@code /proc/stat}
 * (user nice system idle iowait irq softirq steal, in clock ticks). Idle time includes iowait.
 */
final class CpuUsage {

    private long lastTotal = -1;
    private long lastIdle;

    /**
     * @return percent of CPU time spent busy since the previous call, or -1 on the first call,
     *         when no tick passed, or when the file is missing or malformed
     */
    synchronized double sample(Path procStat) {
        long[] ticks;
        try {
            ticks = parse(Files.readAllLines(procStat).get(0));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        long total = 0;
        for (int i = 0; i < Math.min(8, ticks.length); i++) {
            total += ticks[i];
        }
        long idle = ticks[3] + (ticks.length > 4 ? ticks[4] : 0);
        double usage = -1;
        if (lastTotal >= 0 && total > lastTotal) {
            usage = 100.0 * (1.0 - (double) (idle - lastIdle) / (total - lastTotal));
            usage = Math.max(0, Math.min(100, usage));
        }
        lastTotal = total;
        lastIdle = idle;
        return usage;
    }

    static long[] parse(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 5) {
            throw new IllegalArgumentException("not an aggregate cpu line: " + cpuLine);
        }
        long[] ticks = new long[f.length - 1];
        for (int i = 1; i < f.length; i++) {
            ticks[i - 1] = Long.parseLong(f[i]);
        }
        return ticks;
    }
}
