package dev.wren.config.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The last value of each attribute that passed its rule, per configuration PID, kept in one properties file
 * per PID ({@code <id>#<n>} values and {@code <id>#} their count) so it survives a restart. Writes go to a
 * temporary file moved into place, so a crash leaves the old file or the new one. The directory is 0700
 * and the files 0600: secrets are among the values. Thread-safe.
 */
final class LastGood {

    private final Path dir;
    private final Map<String, Map<String, List<String>>> cache = new HashMap<>();

    LastGood(Path dir) {
        this.dir = dir;
    }

    synchronized Map<String, List<String>> get(String pid) {
        return cache.computeIfAbsent(pid, this::read);
    }

    /** Records accepted values; writes the file only when something changed. */
    synchronized void put(String pid, Map<String, List<String>> accepted) {
        Map<String, List<String>> known = get(pid);
        boolean changed = false;
        for (Map.Entry<String, List<String>> e : accepted.entrySet()) {
            if (!e.getValue().equals(known.get(e.getKey()))) {
                known.put(e.getKey(), List.copyOf(e.getValue()));
                changed = true;
            }
        }
        if (changed) {
            write(pid, known);
        }
    }

    synchronized void delete(String pid) throws IOException {
        cache.remove(pid);
        Files.deleteIfExists(file(pid));
    }

    private Path file(String pid) {
        return dir.resolve(URLEncoder.encode(pid, StandardCharsets.UTF_8) + ".properties");
    }

    private Map<String, List<String>> read(String pid) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file(pid), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException | IllegalArgumentException e) {
            return new TreeMap<>();
        }
        Map<String, List<String>> values = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.endsWith("#")) {
                String id = key.substring(0, key.length() - 1);
                int n;
                try {
                    n = Integer.parseInt(p.getProperty(key));
                } catch (NumberFormatException e) {
                    continue;
                }
                List<String> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String v = p.getProperty(id + "#" + i);
                    if (v == null) {
                        list = null;
                        break;
                    }
                    list.add(v);
                }
                if (list != null) {
                    values.put(id, list);
                }
            }
        }
        return values;
    }

    /** Secrets (cluster keys, passwords) are among the values: readable by the gateway's user only. */
    private static void owned(Path p, String mode) throws IOException {
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
        }
    }

    private void write(String pid, Map<String, List<String>> values) {
        Properties p = new Properties();
        values.forEach((id, list) -> {
            p.setProperty(id + "#", Integer.toString(list.size()));
            for (int i = 0; i < list.size(); i++) {
                p.setProperty(id + "#" + i, list.get(i));
            }
        });
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                owned(dir, "rwx------");
            }
            Path tmp = Files.createTempFile(dir, ".last-good", ".tmp");
            owned(tmp, "rw-------");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "last good values of " + pid);
            }
            Files.move(tmp, file(pid), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
