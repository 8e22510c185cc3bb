package dev.wren.itests.kura.service.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

import dev.wren.itests.kura.service.Ad;

/** Turns an AD's default, as written, into the typed value Kura seeds (an array when the cardinality is not 0). */
final class Values {

    private Values() {
    }

    static Object typed(Ad ad) {
        List<String> parts = ad.cardinality() == 0 ? List.of(ad.defaultValue()) : split(ad.defaultValue());
        Class<?> type = javaType(ad.type());
        if (ad.cardinality() == 0) {
            return one(type, parts.get(0));
        }
        Object array = Array.newInstance(type, parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Array.set(array, i, one(type, parts.get(i)));
        }
        return array;
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                b.append(s.charAt(++i));
            } else if (c == ',') {
                out.add(b.toString().trim());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString().trim());
        return out;
    }

    private static Class<?> javaType(String type) {
        return switch (type) {
            case "Long" -> Long.class;
            case "Integer" -> Integer.class;
            case "Short" -> Short.class;
            case "Byte" -> Byte.class;
            case "Char", "Character" -> Character.class;
            case "Double" -> Double.class;
            case "Float" -> Float.class;
            case "Boolean" -> Boolean.class;
            default -> String.class;
        };
    }

    private static Object one(Class<?> type, String s) {
        if (type == String.class) {
            return s;
        }
        String t = s.trim();
        if (type == Long.class) {
            return Long.valueOf(t);
        } else if (type == Integer.class) {
            return Integer.valueOf(t);
        } else if (type == Short.class) {
            return Short.valueOf(t);
        } else if (type == Byte.class) {
            return Byte.valueOf(t);
        } else if (type == Character.class) {
            return t.isEmpty() ? Character.valueOf(' ') : Character.valueOf(t.charAt(0));
        } else if (type == Double.class) {
            return Double.valueOf(t);
        } else if (type == Float.class) {
            return Float.valueOf(t);
        }
        return Boolean.valueOf(t);
    }
}
