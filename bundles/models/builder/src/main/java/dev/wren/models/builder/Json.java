package dev.wren.models.builder;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON the same way on every JDK: objects one member a line, arrays on one line, floats in
 * the fewest decimal digits that read back as the same float (doubles likewise), never an
 * exponent.
 */
final class Json {

    private Json() {
    }

    /**
     * @param value a {@code Map} (kept in its order), {@code List}, {@code float[]},
     *              {@code String}, {@code Float}, {@code Double} or {@code Integer}
     */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, "");
        return sb.append('\n').toString();
    }

    private static void write(StringBuilder sb, Object value, String indent) {
        if (value instanceof Map<?, ?> map) {
            String inner = indent + "  ";
            sb.append('{');
            String separator = "\n";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(separator).append(inner);
                string(sb, e.getKey().toString());
                sb.append(": ");
                write(sb, e.getValue(), inner);
                separator = ",\n";
            }
            sb.append(map.isEmpty() ? "" : "\n" + indent).append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                write(sb, list.get(i), indent);
            }
            sb.append(']');
        } else if (value instanceof float[] floats) {
            sb.append('[');
            for (int i = 0; i < floats.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(number(floats[i]));
            }
            sb.append(']');
        } else if (value instanceof String s) {
            string(sb, s);
        } else if (value instanceof Float f) {
            sb.append(number(f));
        } else if (value instanceof Double d) {
            sb.append(number(d));
        } else if (value instanceof Integer || value instanceof Long) {
            sb.append(value);
        } else {
            throw new IllegalArgumentException("not JSON: " + value);
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    static String number(float f) {
        for (int digits = 1; digits < 9; digits++) {
            BigDecimal d = new BigDecimal(f).round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (Float.parseFloat(d.toString()) == f) {
                return plain(d);
            }
        }
        return plain(new BigDecimal(f).round(new MathContext(9, RoundingMode.HALF_EVEN)));
    }

    static String number(double v) {
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal d = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(d.toString()) == v) {
                return plain(d);
            }
        }
        return plain(new BigDecimal(v).round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    private static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
