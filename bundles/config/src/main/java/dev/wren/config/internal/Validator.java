package dev.wren.config.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * Checks one stored value against its attribute's rule, strictly: the type must parse exactly (no
 * overflow, no fraction for integers, no NaN or infinity, "true"/"false" only for booleans), no control
 * characters, strings at most {@value #LONGEST} characters, a required string not empty, a filter attribute
 * ({@code .filter}, {@code .target}) an LDAP filter, no more values than the cardinality allows, then the
 * metatype implementation's own validate (bounds, options).
 */
final class Validator {

    static final int LONGEST = 4096;

    private Validator() {
    }

    /** The outcome: the canonical strings of an accepted value, or the reason it is refused. */
    record Verdict(List<String> canonical, String refusal) {
        boolean ok() {
            return refusal == null;
        }

        static Verdict refused(String why) {
            return new Verdict(null, why);
        }
    }

    static Verdict check(Rule rule, Object raw) {
        List<Object> elements = Values.elements(raw);
        if (elements == null) {
            elements = List.of(raw);
        } else if (!rule.multiple() && elements.size() != 1) {
            return Verdict.refused("one value, not " + elements.size());
        } else if (rule.multiple() && elements.size() > Math.abs(rule.cardinality())) {
            return Verdict.refused("at most " + Math.abs(rule.cardinality()) + " values, not " + elements.size());
        }
        List<String> canonical = new ArrayList<>(elements.size());
        for (Object element : elements) {
            String why = null;
            String c = null;
            try {
                c = canonical(rule, element);
            } catch (IllegalArgumentException | ArithmeticException e) {
                why = e.getMessage();
            }
            if (why == null) {
                why = metatype(rule, c);
            }
            if (why != null) {
                return Verdict.refused(why);
            }
            canonical.add(c);
        }
        return new Verdict(canonical, null);
    }

    private static String metatype(Rule rule, String canonical) {
        String answer = rule.metatype() == null ? null : rule.metatype().apply(escapeCommas(rule, canonical));
        return answer == null || answer.isEmpty() ? null : "metatype: " + answer.replace("%", "");
    }

    /** The metatype's validate splits on unescaped commas; one element must stay one. */
    private static String escapeCommas(Rule rule, String s) {
        boolean text = rule.type() == AttributeDefinition.STRING || rule.type() == AttributeDefinition.PASSWORD;
        return text ? s.replace("\\", "\\\\").replace(",", "\\,") : s;
    }

    static String canonical(Rule rule, Object element) {
        if (!(element instanceof String || element instanceof Number || element instanceof Boolean
                || element instanceof Character)) {
            throw new IllegalArgumentException(element == null ? "a value, not null"
                    : Rule.typeName(rule.type()) + ", not a " + element.getClass().getSimpleName());
        }
        String s = String.valueOf(element);
        for (int i = 0; i < s.length(); i++) {
            if (Escape.unsafe(s.charAt(i))) {
                throw new IllegalArgumentException("no control characters");
            }
        }
        if (s.length() > LONGEST) {
            throw new IllegalArgumentException("at most " + LONGEST + " characters, not " + s.length());
        }
        return switch (rule.type()) {
            case AttributeDefinition.LONG -> integer(element, s, Long.MIN_VALUE, Long.MAX_VALUE, "long");
            case AttributeDefinition.INTEGER -> integer(element, s, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            case AttributeDefinition.SHORT -> integer(element, s, Short.MIN_VALUE, Short.MAX_VALUE, "short");
            case AttributeDefinition.BYTE -> integer(element, s, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
            case AttributeDefinition.DOUBLE -> decimal(s, Double.MAX_VALUE, "double");
            case AttributeDefinition.FLOAT -> decimal(s, Float.MAX_VALUE, "float");
            case AttributeDefinition.BOOLEAN -> bool(s);
            case AttributeDefinition.CHARACTER -> {
                if (s.length() != 1) {
                    throw new IllegalArgumentException("one character");
                }
                yield s;
            }
            default -> {
                if (s.isEmpty() && rule.required() && !rule.multiple()) {
                    throw new IllegalArgumentException("required: not empty");
                }
                String notLdap = Filters.ldap(rule) ? Filters.refusal(s) : null;
                if (notLdap != null) {
                    throw new IllegalArgumentException(notLdap);
                }
                yield s;
            }
        };
    }

    /** Strings as the component's own coercion reads them (digits only); numbers exactly whole. */
    private static String integer(Object element, String s, long min, long max, String type) {
        BigInteger v;
        try {
            v = element instanceof String ? new BigInteger(s) : new BigDecimal(s).toBigIntegerExact();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an " + type + " number");
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("a whole number");
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new IllegalArgumentException("within the " + type + " range " + min + " to " + max);
        }
        return v.toString();
    }

    private static String decimal(String s, double largest, String type) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a " + type + " number");
        }
        if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) > largest) {
            throw new IllegalArgumentException("a finite " + type);
        }
        return type.equals("float") ? Float.toString((float) v) : Double.toString(v);
    }

    private static String bool(String s) {
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return s.toLowerCase(java.util.Locale.ROOT);
        }
        throw new IllegalArgumentException("true or false");
    }
}
