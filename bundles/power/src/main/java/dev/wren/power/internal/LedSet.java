package dev.wren.power.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.wren.power.PowerMode;

/**
 * LEDs of {@code <sysfs>/class/leds}, switched off (trigger {@code none}, brightness 0) in the modes
 * from {@code offFrom} on, and given back their trigger, and their brightness when they had no
 * trigger, in the richer modes and by {@link #restore()}. Writing a brightness detaches a trigger in
 * the kernel, so a trigger is written back alone.
 */
final class LedSet implements ModeFollower.Target {

    private record Found(Path dir, String trigger, String brightness) {
    }

    private final List<Found> found = new ArrayList<>();
    private final PowerMode offFrom;
    private final Remembered remembered;

    /**
     * @param names   the LEDs' directory names; empty: every LED there
     * @param offFrom the first mode, in the order FULL, DEGRADED, MINIMAL, that switches them off
     */
    LedSet(Sysfs sysfs, List<String> names, PowerMode offFrom, Remembered remembered, List<String> problems)
            throws IOException {
        if (offFrom == PowerMode.FULL) {
            throw new IllegalArgumentException("off.from: FULL would keep the LEDs off always; DEGRADED or MINIMAL");
        }
        this.offFrom = offFrom;
        this.remembered = remembered;
        Path base = sysfs.path("class/leds");
        if (!Files.isDirectory(base)) {
            throw new IOException(base + " is missing: the kernel exposes no LED here");
        }
        List<Path> dirs = new ArrayList<>();
        if (names.isEmpty()) {
            try (DirectoryStream<Path> all = Files.newDirectoryStream(base)) {
                all.forEach(dirs::add);
            }
        } else {
            names.forEach(n -> dirs.add(base.resolve(n)));
        }
        dirs.sort(null);
        Map<String, String> read = new TreeMap<>();
        List<Path> readable = new ArrayList<>();
        for (Path d : dirs) {
            String name = d.getFileName().toString();
            try {
                String trigger = current(Sysfs.read(d.resolve("trigger")));
                String brightness = Sysfs.read(d.resolve("brightness"));
                read.put(name + "/trigger", trigger);
                read.put(name + "/brightness", brightness);
                readable.add(d);
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        Map<String, String> was = remembered.settle(read, "the LEDs", problems);
        for (Path d : readable) {
            String name = d.getFileName().toString();
            found.add(new Found(d, was.get(name + "/trigger"), was.get(name + "/brightness")));
        }
    }

    @Override
    public void forget() throws IOException {
        remembered.forget();
    }

    @Override
    public double savingW(PowerMode mode, BoardProfile board) {
        return mode.compareTo(offFrom) >= 0 ? found.size() * board.ledW() : 0;
    }

    /** @return what was written, each as "ACT off"; problems appended to {@code problems} */
    @Override
    public List<String> apply(PowerMode mode, List<String> problems) {
        if (mode.compareTo(offFrom) < 0) {
            return restore(problems);
        }
        return Sysfs.each(found, problems, f -> {
            Sysfs.write(f.dir.resolve("trigger"), "none");
            Sysfs.write(f.dir.resolve("brightness"), "0");
            return f.dir.getFileName() + " off";
        });
    }

    @Override
    public List<String> restore(List<String> problems) {
        return Sysfs.each(found, problems, f -> {
            Sysfs.write(f.dir.resolve("trigger"), f.trigger);
            if (f.trigger.equals("none")) {
                Sysfs.write(f.dir.resolve("brightness"), f.brightness);
            }
            return f.dir.getFileName() + " back to " + (f.trigger.equals("none") ? "brightness " + f.brightness
                    : "trigger " + f.trigger);
        });
    }

    /** @return the trigger in brackets ("none [mmc0] timer" gives mmc0), none without brackets */
    static String current(String triggers) {
        int open = triggers.indexOf('[');
        int close = triggers.indexOf(']', open + 1);
        return open >= 0 && close > open ? triggers.substring(open + 1, close) : "none";
    }
}
