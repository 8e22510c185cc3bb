package dev.wren.config.internal;

import java.util.List;
import java.util.stream.Collectors;

/** Values as the log shows them: quoted, control and line-separator characters escaped, long ones cut. */
final class Escape {

    static final int SHOWN = 120;

    private Escape() {
    }

    /** A value (scalar, array or collection) in one line: "a", or ["a", "b"] for several. */
    static String value(Object raw) {
        List<Object> elements = Values.elements(raw);
        if (elements == null) {
            return text(String.valueOf(raw));
        }
        return elements.stream().map(e -> text(String.valueOf(e))).collect(Collectors.joining(", ", "[", "]"));
    }

    /** One string quoted, with \n, \r, \t, \\, \" and \\uXXXX for other control characters, cut at {@value #SHOWN}. */
    static String text(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), SHOWN) + 8).append('"');
        int n = Math.min(s.length(), SHOWN);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                default -> {
                    if (unsafe(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
        if (s.length() > SHOWN) {
            b.append("... (").append(s.length()).append(" characters)");
        }
        return b.toString();
    }

    /** Control characters, line and paragraph separators, and bidirectional overrides. */
    static boolean unsafe(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
