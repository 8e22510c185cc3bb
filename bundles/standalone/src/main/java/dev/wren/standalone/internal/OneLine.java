package dev.wren.standalone.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Text made safe for a line-oriented log. Every character that could end a line, hide text or move the
 * cursor becomes a visible escape: {@code \n}, {@code \r}, {@code \t}, and {@code \}{@code uXXXX} for
 * the other C0 controls (NUL, ESC...), DEL, the C1 controls (U+0080..U+009F), the line and paragraph
 * separators (U+2028, U+2029) and the bidirectional overrides and isolates (U+202A..U+202E,
 * U+2066..U+2069). A backslash is written as it is: the aim is that one event is one line and that no
 * value can forge another, not that the escaping can be undone.
 */
final class OneLine {

    private OneLine() {
    }

    /** @return {@code s} with control characters escaped ("null" for null) */
    static String escape(CharSequence s) {
        if (s == null) {
            return "null";
        }
        int i = 0;
        while (i < s.length() && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s.toString();
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        append(b, s.subSequence(i, s.length()));
        return b.toString();
    }

    /** Appends {@code s} to {@code b} with control characters escaped. */
    static void append(StringBuilder b, CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isControl(c)) {
                b.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append("\\u").append(HEX[(c >> 12) & 15]).append(HEX[(c >> 8) & 15])
                        .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
            }
        }
    }

    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }

    /**
     * @return the stack trace of {@code t} and its causes, one escaped line per entry, each line starting
     *         with a tab so that only event lines start at the left margin; a cycle of causes ends it
     */
    static String trace(Throwable t) {
        StringBuilder b = new StringBuilder(1024);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        StackTraceElement[] enclosing = new StackTraceElement[0];
        String prefix = "";
        for (Throwable x = t; x != null && seen.add(x); x = x.getCause()) {
            b.append('\t').append(prefix);
            append(b, String.valueOf(x));
            b.append(System.lineSeparator());
            StackTraceElement[] frames = x.getStackTrace();
            int common = 0;
            while (common < frames.length && common < enclosing.length
                    && frames[frames.length - 1 - common].equals(enclosing[enclosing.length - 1 - common])) {
                common++;
            }
            for (int i = 0; i < frames.length - common; i++) {
                b.append("\t\tat ");
                append(b, String.valueOf(frames[i]));
                b.append(System.lineSeparator());
            }
            if (common > 0) {
                b.append("\t\t... ").append(common).append(" more").append(System.lineSeparator());
            }
            enclosing = frames;
            prefix = "Caused by: ";
        }
        return b.toString();
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
