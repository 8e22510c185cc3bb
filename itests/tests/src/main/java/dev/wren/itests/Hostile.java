package dev.wren.itests;

import java.io.InputStream;
import java.net.URL;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Hostile values for an attribute, by kind: each one a value the configuration guard must refuse for that
 * attribute (so a kind that would be a legal value of the attribute, such as "abc" for a free string, is
 * not offered for it).
 */
final class Hostile {

    static final List<String> KINDS = List.of("wrong type", "overflow", "NaN", "empty", "huge", "control characters",
            "below min", "above max", "not an option");

    private Hostile() {
    }

    /** The hostile value of {@code kind} for {@code ad}, or null when that kind cannot break its rule. */
    static Object value(String kind, AttributeDefinition ad, boolean required, String[] bounds) {
        boolean text = ad.getType() == AttributeDefinition.STRING || ad.getType() == AttributeDefinition.PASSWORD;
        boolean options = ad.getOptionValues() != null && ad.getOptionValues().length > 0;
        boolean number = !text && ad.getType() != AttributeDefinition.BOOLEAN && ad.getType() != AttributeDefinition.CHARACTER;
        boolean decimal = ad.getType() == AttributeDefinition.DOUBLE || ad.getType() == AttributeDefinition.FLOAT;
        Object v = switch (kind) {
            case "wrong type" -> text ? null : "abc";
            case "overflow" -> number ? (decimal ? "1e999" : "99999999999999999999999") : null;
            case "NaN" -> number ? (decimal ? Double.NaN : "NaN") : null;
            case "empty" -> !text || (required && ad.getCardinality() == 0) ? "" : null;
            case "huge" -> "9".repeat(100_000);
            case "control characters" -> "1\nWARN forged line\u0000";
            case "below min" -> bounds[0] == null || text ? null : below(bounds[0], decimal);
            case "above max" -> bounds[1] == null || text ? null : above(bounds[1], decimal);
            case "not an option" -> options && text ? "not-an-option" : null;
            default -> throw new IllegalArgumentException(kind);
        };
        if (v != null && ad.getCardinality() != 0) {
            return new String[] {String.valueOf(v)};
        }
        return v;
    }

    private static Object below(String min, boolean decimal) {
        return decimal ? Double.parseDouble(min) - 1 : String.valueOf(Long.parseLong(min) - 1);
    }

    private static Object above(String max, boolean decimal) {
        return decimal ? Double.parseDouble(max) + 1 : String.valueOf(Long.parseLong(max) + 1);
    }

    /** min and max of each attribute as the bundle's metatype XML declares them (the MetaType API hides them). */
    static Map<String, String[]> bounds(Bundle b, String pid) throws Exception {
        Map<String, String[]> out = new HashMap<>();
        URL url = b.getEntry("OSGI-INF/metatype/" + pid + ".xml");
        if (url == null) {
            return out;
        }
        try (InputStream in = url.openStream()) {
            NodeList ads = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getElementsByTagName("AD");
            for (int i = 0; i < ads.getLength(); i++) {
                Element ad = (Element) ads.item(i);
                String min = ad.getAttribute("min");
                String max = ad.getAttribute("max");
                out.put(ad.getAttribute("id"), new String[] {min.isEmpty() ? null : min, max.isEmpty() ? null : max});
            }
        }
        return out;
    }

    /** One hostile value per attribute, cycling through the kinds so that one configuration holds them all. */
    static Map<String, Object> mixed(Map<String, AttributeDefinition> ads, Map<String, Boolean> required,
            Map<String, String[]> bounds) {
        Map<String, Object> out = new LinkedHashMap<>();
        int k = 0;
        for (AttributeDefinition ad : ads.values()) {
            for (int tries = 0; tries < KINDS.size(); tries++, k++) {
                Object v = value(KINDS.get(k % KINDS.size()), ad, required.get(ad.getID()),
                        bounds.getOrDefault(ad.getID(), new String[2]));
                if (v != null) {
                    out.put(ad.getID(), v);
                    k++;
                    break;
                }
            }
        }
        return out;
    }

    /** A value compared across types: numbers as plain decimals, one-element arrays as their element. */
    static Object normal(Object v) {
        if (v == null) {
            return "";
        }
        if (v.getClass().isArray()) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                out.add(normal(Array.get(v, i)).toString());
            }
            return out.isEmpty() ? "" : out.size() == 1 ? out.get(0) : out;
        }
        if (v instanceof Collection<?> c) {
            return normal(c.toArray());
        }
        String s = String.valueOf(v);
        try {
            return new java.math.BigDecimal(s).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return s;
        }
    }

    /** The metatype default as the value a console would store: typed, an array when multi-valued. */
    static Object typed(AttributeDefinition ad) {
        String[] d = ad.getDefaultValue();
        if (ad.getCardinality() != 0 && Arrays.stream(d).allMatch(String::isEmpty)) {
            return null;
        }
        Object[] out = new Object[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = switch (ad.getType()) {
                case AttributeDefinition.LONG -> Long.valueOf(d[i]);
                case AttributeDefinition.INTEGER -> Integer.valueOf(d[i]);
                case AttributeDefinition.DOUBLE -> Double.valueOf(d[i]);
                case AttributeDefinition.BOOLEAN -> Boolean.valueOf(d[i]);
                default -> d[i];
            };
        }
        if (ad.getCardinality() == 0) {
            return out.length == 0 ? null : out[0];
        }
        return Arrays.stream(out).map(String::valueOf).toArray(String[]::new);
    }

    /** A modifiable copy. */
    static Dictionary<String, Object> copy(Dictionary<String, Object> d) {
        Hashtable<String, Object> out = new Hashtable<>();
        for (Enumeration<String> keys = d.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            out.put(k, d.get(k));
        }
        return out;
    }
}
