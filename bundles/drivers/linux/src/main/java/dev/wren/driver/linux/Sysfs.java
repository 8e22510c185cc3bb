package dev.wren.driver.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reading single-value sysfs attributes: one line of text, trimmed. */
final class Sysfs {

    private Sysfs() {
    }

    /** @return the attribute's text, empty if it does not exist or cannot be read */
    static Optional<String> text(Path file) {
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** @return the attribute as a decimal integer, empty if absent, unreadable or not a number */
    static Optional<Long> number(Path file) {
        try {
            return text(file).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
