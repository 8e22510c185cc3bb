package dev.wren.power.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.wren.power.PowerMode;

/**
 * The CPU frequency policies of {@code <sysfs>/devices/system/cpu/cpufreq/policy*}: per mode a
 * governor and a cap on the highest frequency, as a share of {@code cpuinfo_max_freq} taken down to
 * the nearest frequency the policy lists. What each policy had when this was built is written back
 * in FULL and by {@link #restore()}. A governor the kernel does not offer
 * ({@code scaling_available_governors}) is not written; a missing, unreadable or refusing attribute
 * is reported and the other attributes and policies are still applied.
 */
final class CpuPolicies implements ModeFollower.Target {

    /** What a mode asks: a governor (empty: leave it) and the cap in per cent (100: none). */
    record Ask(String governor, int maxPercent) {
    }

    private record Found(Path dir, String governor, String maxFreq) {
    }

    private final List<Found> found = new ArrayList<>();
    private final Map<PowerMode, Ask> asks;
    private final Remembered remembered;

    /**
     * Reads what each policy has now, or what a run killed in a lean mode found and kept in
     * {@code remembered}, and keeps that until it is given back; problems reading are in {@code problems}.
     */
    CpuPolicies(Sysfs sysfs, Map<PowerMode, Ask> asks, Remembered remembered, List<String> problems) throws IOException {
        this.asks = asks;
        this.remembered = remembered;
        Path base = sysfs.path("devices/system/cpu/cpufreq");
        if (!Files.isDirectory(base)) {
            throw new IOException(base + " is missing: the kernel has no CPU frequency scaling here");
        }
        Map<String, String> read = new TreeMap<>();
        List<Path> readable = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(base, "policy*")) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                try {
                    String governor = Sysfs.read(d.resolve("scaling_governor"));
                    String max = Sysfs.read(d.resolve("scaling_max_freq"));
                    read.put(name + "/scaling_governor", governor);
                    read.put(name + "/scaling_max_freq", max);
                    readable.add(d);
                } catch (IOException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (readable.isEmpty() && problems.isEmpty()) {
            throw new IOException(base + " holds no policy");
        }
        Map<String, String> was = remembered.settle(read, "the CPU", problems);
        readable.sort(null);
        for (Path d : readable) {
            String name = d.getFileName().toString();
            found.add(new Found(d, was.get(name + "/scaling_governor"), was.get(name + "/scaling_max_freq")));
        }
    }

    @Override
    public void forget() throws IOException {
        remembered.forget();
    }

    /** The board's whole cap saving in a mode that asks a governor or a cap under 100 %, else 0. */
    @Override
    public double savingW(PowerMode mode, BoardProfile board) {
        Ask ask = asks.get(mode);
        boolean acts = ask != null && (!ask.governor().isEmpty() || ask.maxPercent() < 100);
        return acts && !found.isEmpty() ? board.cpuCapW() : 0;
    }

    /** @return what was written, each as "policy0 governor powersave"; problems appended to {@code problems} */
    @Override
    public List<String> apply(PowerMode mode, List<String> problems) {
        Ask ask = asks.get(mode);
        if (mode == PowerMode.FULL || ask == null) {
            return restore(problems);
        }
        List<String> done = new ArrayList<>();
        for (Found f : found) {
            String name = f.dir.getFileName().toString();
            String governor = ask.governor().isEmpty() ? f.governor : ask.governor();
            try {
                List<String> offered = Arrays.asList(Sysfs.read(f.dir.resolve("scaling_available_governors")).split("\\s+"));
                if (!offered.contains(governor)) {
                    problems.add(name + ": governor " + governor + " is not offered by the kernel (offers "
                            + String.join(", ", offered) + "); kept " + f.governor);
                    governor = f.governor;
                }
                Sysfs.write(f.dir.resolve("scaling_governor"), governor);
                done.add(name + " governor " + governor);
            } catch (IOException e) {
                problems.add(name + ": " + e.getMessage());
            }
            try {
                String cap = cap(f, ask.maxPercent());
                Sysfs.write(f.dir.resolve("scaling_max_freq"), cap);
                done.add(name + " max " + Long.parseLong(cap) / 1000 + " MHz");
            } catch (IOException | NumberFormatException e) {
                problems.add(name + ": " + e.getMessage());
            }
        }
        return done;
    }

    /** Writes back what was found. */
    @Override
    public List<String> restore(List<String> problems) {
        List<String> done = new ArrayList<>();
        for (Found f : found) {
            String name = f.dir.getFileName().toString();
            try {
                Sysfs.write(f.dir.resolve("scaling_governor"), f.governor);
                Sysfs.write(f.dir.resolve("scaling_max_freq"), f.maxFreq);
                done.add(name + " governor " + f.governor + ", max " + Long.parseLong(f.maxFreq) / 1000 + " MHz");
            } catch (IOException | NumberFormatException e) {
                problems.add(name + ": " + e.getMessage());
            }
        }
        return done;
    }

    /** @return the cap in kHz: {@code percent} of cpuinfo_max_freq, down to a listed frequency if any is listed */
    private static String cap(Found f, int percent) throws IOException {
        long max = Long.parseLong(Sysfs.read(f.dir.resolve("cpuinfo_max_freq")));
        long min = Long.parseLong(Sysfs.read(f.dir.resolve("cpuinfo_min_freq")));
        long wanted = Math.max(min, max * percent / 100);
        Path listed = f.dir.resolve("scaling_available_frequencies");
        if (!Files.exists(listed)) {
            return Long.toString(wanted);
        }
        long best = min;
        for (String s : Sysfs.read(listed).split("\\s+")) {
            long v = Long.parseLong(s);
            if (v <= wanted && v > best) {
                best = v;
            }
        }
        return Long.toString(best);
    }

    /** @return per mode what is asked, from the component's settings */
    static Map<PowerMode, Ask> asks(String degradedGovernor, int degradedPercent, String minimalGovernor,
            int minimalPercent) {
        for (int p : new int[] {degradedPercent, minimalPercent}) {
            if (p < 1 || p > 100) {
                throw new IllegalArgumentException("max.percent: " + p + " is not within 1..100");
            }
        }
        Map<PowerMode, Ask> m = new LinkedHashMap<>();
        m.put(PowerMode.DEGRADED, new Ask(degradedGovernor.strip(), degradedPercent));
        m.put(PowerMode.MINIMAL, new Ask(minimalGovernor.strip(), minimalPercent));
        return m;
    }
}
