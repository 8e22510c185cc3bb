package dev.wren.power.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What an actuator found on the board, kept in a file of the data directory from its first write until
 * it has given it all back. A run killed in a lean mode leaves the file: the next run takes the values
 * from it rather than the capped ones it now reads. Keys are attribute paths relative to the actuator's
 * sysfs directory ({@code policy0/scaling_governor}).
 */
final class Remembered {

    private final Path file;

    /** @param file null: nothing is kept (no data directory) */
    Remembered(Path file) {
        this.file = file;
    }

    /**
     * @param read     what the actuator reads on the board now, by attribute
     * @param what     what it acts on, for the message ("the CPU")
     * @param problems told when a run that did not give {@code what} back left other values than {@code read}
     * @return what was found: {@code read}, but the value a run that did not end cleanly kept where it kept
     *         one; kept in the file until {@link #forget()}
     */
    Map<String, String> settle(Map<String, String> read, String what, List<String> problems) throws IOException {
        Map<String, String> left = left();
        Map<String, String> found = new TreeMap<>(read);
        found.replaceAll((attribute, value) -> left.getOrDefault(attribute, value));
        if (!found.equals(read)) {
            problems.add("the last run did not give " + what + " back (it was killed in a lean mode): taking what it"
                    + " found, " + left);
        }
        keep(found);
        return found;
    }

    /** @return what a run that did not give it back found, empty when the last run ended cleanly */
    private Map<String, String> left() throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (file == null || !Files.exists(file)) {
            return out;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private void keep(Map<String, String> found) throws IOException {
        if (file == null) {
            return;
        }
        Files.createDirectories(file.getParent());
        Properties p = new Properties();
        p.putAll(found);
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            p.store(w, "what the actuator found on the board; deleted once it has given it back");
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void forget() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
