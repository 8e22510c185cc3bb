package dev.wren.inference.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.osgi.framework.Version;

/**
 * Pins set in the shell ({@code wren:models pin|unpin|rollback}): the Models component's own state, kept
 * in a file under the data directory, never written to Config Admin, so nothing changes configuration
 * behind Kura's snapshots (or the web console's back). A console pin of a name wins over the configured
 * one ({@code pinned}); unpinning in the shell removes the console pin only.
 */
final class ConsolePins {

    private final Path file;
    private final Map<String, Version> pins = new TreeMap<>();

    /** Reads {@code file}; a missing file is no pins, an entry that is not name=version is skipped. */
    ConsolePins(Path file) {
        this.file = file;
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException | IllegalArgumentException e) {
            return; // unreadable: no console pins; the next pin writes the file again
        }
        for (String name : p.stringPropertyNames()) {
            try {
                pins.put(name, Version.parseVersion(p.getProperty(name)));
            } catch (IllegalArgumentException e) {
                // a hand-edited entry that is no version: not a pin
            }
        }
    }

    /** The configured pins with the console's over them. */
    synchronized Map<String, Version> over(Map<String, Version> configured) {
        Map<String, Version> all = new HashMap<>(configured);
        all.putAll(pins);
        return all;
    }

    /** Pins {@code name} to {@code version}, or unpins it for null; written to the file before it returns. */
    synchronized void set(String name, Version version) throws IOException {
        Map<String, Version> before = new TreeMap<>(pins);
        if (version == null) {
            pins.remove(name);
        } else {
            pins.put(name, version);
        }
        try {
            save();
        } catch (IOException e) {
            pins.clear();
            pins.putAll(before);
            throw e;
        }
    }

    private void save() throws IOException {
        Files.createDirectories(file.getParent());
        Properties p = new Properties();
        pins.forEach((n, v) -> p.setProperty(n, v.toString()));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, "pins set with wren:models (over the configuration's pinned)");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
