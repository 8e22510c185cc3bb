package dev.wren.launcher;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Log lines of the launcher extension, written to standard output in the gateway's log format
 * ({@code <instant> INFO  [dev.wren.launcher] message}): the OSGi log service is not there yet
 * when the storage is checked, and gone when the framework has stopped. Honours the lowest level
 * the gateway logs ({@code org.osgi.service.log.admin.loglevel}); control characters in messages
 * are escaped, so a bundle location cannot forge a log line.
 */
final class LaunchLog {

    static final String SOURCE = "dev.wren.launcher";
    private static final List<String> LEVELS = List.of("ERROR", "WARN", "INFO", "DEBUG");

    private final int lowest;
    private final PrintStream out;

    LaunchLog(String level, PrintStream out) {
        int i = level == null ? -1 : LEVELS.indexOf(level.trim().toUpperCase(Locale.ROOT));
        this.lowest = i < 0 ? LEVELS.indexOf("INFO") : i;
        this.out = out;
    }

    void info(String message) {
        write("INFO", message);
    }

    void warn(String message) {
        write("WARN", message);
    }

    void error(String message) {
        write("ERROR", message);
    }

    private void write(String level, String message) {
        if (LEVELS.indexOf(level) > lowest) {
            return;
        }
        String line = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + String.format(Locale.ROOT, "%-5s", level)
                + " [" + SOURCE + "] " + escape(message);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** @return {@code s} with control and line-breaking characters as {@code \n}, {@code \t} or {@code \}{@code uXXXX} */
    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return b == null ? s : b.toString();
    }

    /** C0 and C1 controls, DEL, line and paragraph separators, bidirectional overrides and isolates. */
    private static boolean unsafe(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
