package dev.wren.driver.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/** Single values from procfs; empty when the file is missing or not as expected (non-Linux hosts). */
final class ProcFiles {

    private ProcFiles() {
    }

    /** @return {@code MemAvailable} of {@code meminfo}, in bytes */
    static OptionalDouble memAvailableBytes(Path procRoot) {
        try {
            List<String> lines = Files.readAllLines(procRoot.resolve("meminfo"));
            for (String line : lines) {
                if (line.startsWith("MemAvailable:")) {
                    String[] f = line.split("\\s+");
                    return OptionalDouble.of(Long.parseLong(f[1]) * 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // absent or unreadable: the value is simply not reported
        }
        return OptionalDouble.empty();
    }

    /** @return the first field of {@code uptime}, in seconds */
    static OptionalDouble uptimeSeconds(Path procRoot) {
        try {
            String s = Files.readString(procRoot.resolve("uptime")).trim();
            return OptionalDouble.of(Double.parseDouble(s.split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }
}
