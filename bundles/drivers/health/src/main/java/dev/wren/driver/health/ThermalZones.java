package dev.wren.driver.health;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The kernel's thermal zones ({@code thermal_zone*}/{@code type} and {@code temp} in millidegrees
 * Celsius), found once and read on demand. A zone that fails to read (some report EIO while
 * their sensor sleeps) is left out of that read.
 */
final class ThermalZones {

    private final SortedMap<String, Path> temps;

    private ThermalZones(SortedMap<String, Path> temps) {
        this.temps = temps;
    }

    /** @return the zones under {@code root}; none if it does not exist */
    static ThermalZones scan(Path root) {
        SortedMap<String, Path> found = new TreeMap<>();
        if (Files.isDirectory(root)) {
            try (DirectoryStream<Path> zones = Files.newDirectoryStream(root, "thermal_zone*")) {
                for (Path zone : zones) {
                    String name = name(zone);
                    if (found.containsKey(name)) {
                        name = name + "-" + zone.getFileName().toString().substring("thermal_zone".length());
                    }
                    found.put(name, zone.resolve("temp"));
                }
            } catch (IOException e) {
                // unreadable root: no zones
            }
        }
        return new ThermalZones(Collections.unmodifiableSortedMap(found));
    }

    private static String name(Path zone) {
        try {
            String type = Files.readString(zone.resolve("type")).trim().toLowerCase(Locale.ROOT);
            String clean = type.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
            if (!clean.isEmpty()) {
                return clean;
            }
        } catch (IOException e) {
            // fall through to the directory name
        }
        return zone.getFileName().toString().replace('_', '-');
    }

    int size() {
        return temps.size();
    }

    /** @return zone name to temperature in degrees Celsius, in name order */
    Map<String, Double> read() {
        Map<String, Double> out = new LinkedHashMap<>();
        temps.forEach((name, file) -> {
            try {
                out.put(name, Long.parseLong(Files.readString(file).trim()) / 1000.0);
            } catch (IOException | NumberFormatException e) {
                // this zone is skipped this time
            }
        });
        return out;
    }
}
