package dev.wren.store.internal;

/** The little JSON the outbox sink writes: objects of strings and numbers. */
final class Json {

    private Json() {
    }

    static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    static StringBuilder field(StringBuilder b, String name, String value) {
        return string(string(b, name).append(':'), value);
    }

    /** A finite double as JSON: integral values without a fraction. */
    static StringBuilder field(StringBuilder b, String name, double value) {
        string(b, name).append(':');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return b.append((long) value);
        }
        return b.append(value);
    }
}
