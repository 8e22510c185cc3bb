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
 * The board's display outputs, switched off in the modes from {@code offFrom} on and given back in
 * the richer modes and by {@link #restore}: each HDMI connector of {@code <sysfs>/class/drm}
 * ({@code card*-HDMI-*}) forced off by writing {@code off} to its {@code status}, given back with
 * {@code detect} (the kernel's own detection; a connector forced on by hand is not read back as such),
 * and each backlight of {@code <sysfs>/class/backlight} (a DSI panel) powered down with
 * {@code bl_power} 4 and given back the {@code bl_power} it had. A board with neither has nothing to
 * act on, which is said.
 */
final class DisplaySet implements ModeFollower.Target {

    /** {@code FB_BLANK_POWERDOWN} of the kernel's fbdev, the value of a backlight powered down. */
    static final String POWERDOWN = "4";

    private record Found(Path file, String off, String back) {
    }

    private final List<Found> found = new ArrayList<>();
    private final PowerMode offFrom;
    private final Remembered remembered;
    private int connectors;

    DisplaySet(Sysfs sysfs, PowerMode offFrom, Remembered remembered, List<String> problems) throws IOException {
        if (offFrom == PowerMode.FULL) {
            throw new IllegalArgumentException("off.from: FULL would keep the display off always; DEGRADED or MINIMAL");
        }
        this.offFrom = offFrom;
        this.remembered = remembered;
        Map<String, String> read = new TreeMap<>();
        List<Path> hdmi = list(sysfs.path("class/drm"), "card*-HDMI-*");
        List<Path> backlights = list(sysfs.path("class/backlight"), "*");
        if (hdmi.isEmpty() && backlights.isEmpty()) {
            throw new IOException(sysfs.path("class/drm") + " has no HDMI connector and " + sysfs.path("class/backlight")
                    + " no backlight: no display output here");
        }
        for (Path d : backlights) {
            try {
                read.put("backlight/" + d.getFileName() + "/bl_power", Sysfs.read(d.resolve("bl_power")));
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        Map<String, String> was = remembered.settle(read, "the display", problems);
        for (Path d : hdmi) {
            if (Files.exists(d.resolve("status"))) {
                found.add(new Found(d.resolve("status"), "off", "detect"));
                connectors++;
            } else {
                problems.add(d.resolve("status") + " is missing");
            }
        }
        for (Path d : backlights) {
            String key = "backlight/" + d.getFileName() + "/bl_power";
            if (was.containsKey(key)) {
                found.add(new Found(d.resolve("bl_power"), POWERDOWN, was.get(key)));
            }
        }
    }

    private static List<Path> list(Path dir, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, glob)) {
                all.forEach(out::add);
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public void forget() throws IOException {
        remembered.forget();
    }

    /** Each HDMI connector off saves the board's modelled HDMI figure; a backlight's saving is the panel's, not modelled. */
    @Override
    public double savingW(PowerMode mode, BoardProfile board) {
        return mode.compareTo(offFrom) >= 0 ? connectors * board.hdmiW() : 0;
    }

    /** @return what was written, each as "card0-HDMI-A-1 off"; problems appended to {@code problems} */
    @Override
    public List<String> apply(PowerMode mode, List<String> problems) {
        return mode.compareTo(offFrom) < 0 ? restore(problems) : write(true, problems);
    }

    @Override
    public List<String> restore(List<String> problems) {
        return write(false, problems);
    }

    private List<String> write(boolean off, List<String> problems) {
        return Sysfs.each(found, problems, f -> {
            String value = off ? f.off : f.back;
            Sysfs.write(f.file, value);
            return f.file.getParent().getFileName() + " " + (off ? "off" : "back to " + f.file.getFileName() + " " + value);
        });
    }
}
