package dev.wren.config.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Vector;

import org.osgi.service.metatype.AttributeDefinition;

/** Configuration values taken apart into elements, and canonical strings made typed values again. */
final class Values {

    private Values() {
    }

    /** The elements of an array or collection; null for a scalar. */
    static List<Object> elements(Object raw) {
        if (raw instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (raw != null && raw.getClass().isArray()) {
            int n = Array.getLength(raw);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(Array.get(raw, i));
            }
            return out;
        }
        return null;
    }

    /**
     * The value a component receives for canonical strings (as {@link Validator} accepted them): one typed
     * object for cardinality 0, an array of the type's wrapper for a positive one, a Vector for a negative one.
     */
    static Object typed(Rule rule, List<String> canonical) {
        if (!rule.multiple()) {
            return scalar(rule.type(), canonical.get(0));
        }
        if (rule.cardinality() < 0) {
            Vector<Object> v = new Vector<>(canonical.size());
            canonical.forEach(s -> v.add(scalar(rule.type(), s)));
            return v;
        }
        Object array = Array.newInstance(wrapper(rule.type()), canonical.size());
        for (int i = 0; i < canonical.size(); i++) {
            Array.set(array, i, scalar(rule.type(), canonical.get(i)));
        }
        return array;
    }

    static Object scalar(int type, String s) {
        return switch (type) {
            case AttributeDefinition.LONG -> Long.valueOf(s);
            case AttributeDefinition.INTEGER -> Integer.valueOf(s);
            case AttributeDefinition.SHORT -> Short.valueOf(s);
            case AttributeDefinition.BYTE -> Byte.valueOf(s);
            case AttributeDefinition.CHARACTER -> s.charAt(0);
            case AttributeDefinition.DOUBLE -> Double.valueOf(s);
            case AttributeDefinition.FLOAT -> Float.valueOf(s);
            case AttributeDefinition.BOOLEAN -> Boolean.valueOf(s);
            default -> s;
        };
    }

    private static Class<?> wrapper(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            default -> String.class;
        };
    }
}
