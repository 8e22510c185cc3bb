package dev.wren.power.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.wren.power.PowerMode;

/**
 * Radios of {@code <sysfs>/class/rfkill} of the types asked ({@code wlan}, {@code bluetooth},
 * {@code wwan}...), soft-blocked in the modes from {@code offFrom} on and given back their
 * {@code soft} state in the richer modes and by {@link #restore}. A radio that carries a default
 * route ({@code routeFile}, the kernel's {@code /proc/net/route}), or has carried one since the
 * start, is never blocked: the uplink goes over it. With no default route at all (a link down, the
 * very cause of DEGRADED) none is blocked, since the uplink may need any to come back. Which radio an interface is: {@code wlan} when {@code <sysfs>/class/net/<if>} has
 * {@code wireless} or {@code phy80211}, else the {@code DEVTYPE} of its {@code uevent} ({@code wwan},
 * {@code bluetooth}). IPv6-only default routes are not looked at.
 */
final class RadioSet implements ModeFollower.Target {

    private record Found(Path dir, String type, String soft) {
    }

    private final Sysfs sysfs;
    private final Path routeFile;
    private final List<Found> found = new ArrayList<>();
    private final PowerMode offFrom;
    private final Remembered remembered;
    /** Radio types that have carried a default route since the start. */
    private final Set<String> carried = new TreeSet<>();
    /** Radio types kept on, as {@link #uplinkTypes} found them last. */
    private Set<String> kept = Set.of();

    /**
     * @param types   rfkill types to block; empty: every radio
     * @param offFrom the first mode, in the order FULL, DEGRADED, MINIMAL, that blocks them
     */
    RadioSet(Sysfs sysfs, Set<String> types, PowerMode offFrom, Path routeFile, Remembered remembered,
            List<String> problems) throws IOException {
        if (offFrom == PowerMode.FULL) {
            throw new IllegalArgumentException("off.from: FULL would keep the radios off always; DEGRADED or MINIMAL");
        }
        this.sysfs = sysfs;
        this.routeFile = routeFile;
        this.offFrom = offFrom;
        this.remembered = remembered;
        Path base = sysfs.path("class/rfkill");
        if (!Files.isDirectory(base)) {
            throw new IOException(base + " is missing: the kernel exposes no radio switch here");
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(base)) {
            all.forEach(dirs::add);
        }
        dirs.sort(null);
        Map<String, String> read = new TreeMap<>();
        Map<Path, String> kinds = new TreeMap<>();
        for (Path d : dirs) {
            try {
                String type = Sysfs.read(d.resolve("type"));
                if (!types.isEmpty() && !types.contains(type)) {
                    continue;
                }
                read.put(d.getFileName() + "/soft", Sysfs.read(d.resolve("soft")));
                kinds.put(d, type);
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        Map<String, String> was = remembered.settle(read, "the radios", problems);
        kinds.forEach((d, type) -> found.add(new Found(d, type, was.get(d.getFileName() + "/soft"))));
        uplinkTypes(problems);
    }

    @Override
    public void forget() throws IOException {
        remembered.forget();
    }

    /**
     * Each radio blocked in {@code mode} saves the board's modelled radio figure; one the uplink may need,
     * as the routes were at the last mode applied, saves nothing.
     */
    @Override
    public double savingW(PowerMode mode, BoardProfile board) {
        if (mode.compareTo(offFrom) < 0) {
            return 0;
        }
        return found.stream().filter(f -> !kept.contains(f.type)).count() * board.radioW();
    }

    /** @return what was written, each as "rfkill0 (bluetooth) blocked"; problems appended to {@code problems} */
    @Override
    public List<String> apply(PowerMode mode, List<String> problems) {
        Set<String> uplink = uplinkTypes(problems);
        if (mode.compareTo(offFrom) < 0) {
            return restore(problems);
        }
        return Sysfs.each(found, problems, f -> {
            String name = f.dir.getFileName() + " (" + f.type + ")";
            if (uplink.contains(f.type)) {
                return name + " kept: the uplink may need it";
            }
            Sysfs.write(f.dir.resolve("soft"), "1");
            return name + " blocked";
        });
    }

    @Override
    public List<String> restore(List<String> problems) {
        return Sysfs.each(found, problems, f -> {
            Sysfs.write(f.dir.resolve("soft"), f.soft);
            return f.dir.getFileName() + " (" + f.type + ") back to " + (f.soft.equals("1") ? "blocked" : "unblocked");
        });
    }

    /**
     * @return the radio types to keep: those of the interfaces that carry an IPv4 default route now or
     *         did since the start; every type when there is no default route or the routes are unreadable
     */
    Set<String> uplinkTypes(List<String> problems) {
        Set<String> types = new TreeSet<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(routeFile);
        } catch (IOException e) {
            problems.add(routeFile + " cannot be read (" + e + "): no radio is blocked, the uplink may be on any");
            found.forEach(f -> types.add(f.type));
            kept = types;
            return types;
        }
        boolean anyDefault = false;
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && f[1].equals("00000000") && f[7].equals("00000000")) {
                anyDefault = true;
                String type = radioOf(f[0]);
                if (type != null) {
                    carried.add(type);
                }
            }
        }
        if (!anyDefault) {
            found.forEach(f -> types.add(f.type));
        }
        types.addAll(carried);
        kept = types;
        return types;
    }

    private String radioOf(String iface) {
        Path net = sysfs.path("class/net").resolve(iface);
        if (Files.exists(net.resolve("wireless")) || Files.exists(net.resolve("phy80211"))) {
            return "wlan";
        }
        try {
            for (String l : Files.readAllLines(net.resolve("uevent"))) {
                if (l.startsWith("DEVTYPE=")) {
                    return l.substring("DEVTYPE=".length()).strip();
                }
            }
        } catch (IOException e) {
            // no uevent: not a radio the kernel names
        }
        return null;
    }
}
