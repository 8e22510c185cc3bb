package dev.wren.config.internal;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * What the validator knows of one attribute: its metatype type, cardinality, whether it is required, its
 * default, its bounds as declared (for the log only; may be null) and the metatype implementation's own
 * {@code validate} (null = no opinion, "" = valid, anything else = the reason it is not).
 */
record Rule(String id, int type, int cardinality, boolean required, String[] defaults, String min, String max,
        String[] options, UnaryOperator<String> metatype) {

    static Rule of(AttributeDefinition ad, boolean required, String min, String max) {
        return new Rule(ad.getID(), ad.getType(), ad.getCardinality(), required, ad.getDefaultValue(), min, max,
                ad.getOptionValues(), ad::validate);
    }

    boolean multiple() {
        return cardinality != 0;
    }

    /** The rule in a few words, as the log names it: type, bounds, options, cardinality. */
    String describe() {
        StringBuilder s = new StringBuilder(typeName(type));
        if (min != null) {
            s.append(type == AttributeDefinition.STRING ? ", length >= " : ", >= ").append(min);
        }
        if (max != null) {
            s.append(type == AttributeDefinition.STRING ? ", length <= " : ", <= ").append(max);
        }
        if (options != null && options.length > 0) {
            s.append(", one of ").append(Arrays.toString(options));
        }
        if (required && !multiple()) {
            s.append(", required");
        }
        if (multiple()) {
            s.append(", at most ").append(Math.abs(cardinality) == Integer.MAX_VALUE ? "unbounded"
                    : String.valueOf(Math.abs(cardinality))).append(" values");
        }
        return s.toString();
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.STRING -> "string";
            case AttributeDefinition.PASSWORD -> "password";
            case AttributeDefinition.LONG -> "long";
            case AttributeDefinition.INTEGER -> "integer";
            case AttributeDefinition.SHORT -> "short";
            case AttributeDefinition.BYTE -> "byte";
            case AttributeDefinition.CHARACTER -> "character";
            case AttributeDefinition.DOUBLE -> "double";
            case AttributeDefinition.FLOAT -> "float";
            case AttributeDefinition.BOOLEAN -> "boolean";
            default -> "type " + type;
        };
    }
}
