package dev.wren.power.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Attribute files of a sysfs tree: the real {@code /sys} or, in tests, a directory laid out like it.
 * A write opens the existing file only (sysfs attributes are never created), so a missing attribute
 * fails instead of leaving a regular file behind. Every failure names the file.
 */
final class Sysfs {

    private final Path root;

    Sysfs(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** @return {@code relative} under the root ({@code "class/leds"} for {@code /sys/class/leds}) */
    Path path(String relative) {
        return root.resolve(relative);
    }

    /** @return the attribute's content without the trailing newline */
    static String read(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new IOException(file + " is missing", e);
        } catch (IOException e) {
            throw new IOException(file + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** One write to one item; returns what was done, as it is logged. */
    interface Write<T> {
        String to(T item) throws IOException;
    }

    /** @return what {@code write} did to each item; each failure's message goes to {@code problems}, the others go on */
    static <T> List<String> each(List<T> items, List<String> problems, Write<T> write) {
        List<String> done = new ArrayList<>();
        for (T item : items) {
            try {
                done.add(write.to(item));
            } catch (IOException e) {
                problems.add(e.getMessage());
            }
        }
        return done;
    }

    static void write(Path file, String value) throws IOException {
        try {
            Files.writeString(file, value, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " is missing", e);
        } catch (IOException e) {
            throw new IOException(file + " refused " + value + " (" + e.getMessage() + ")", e);
        }
    }
}
