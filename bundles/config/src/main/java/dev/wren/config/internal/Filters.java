package dev.wren.config.internal;

import java.util.Map;

import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * Filter attributes. Kura's web UI shows an attribute whose id ends in {@code .target} read-only, so a
 * Wren metatype offers {@code <x>.filter} for a filter a user types; the guard copies its value into
 * {@code <x>.target}, the property Declarative Services (a reference's target) or a whiteboard reads.
 * A {@code <x>.target} given without {@code <x>.filter} (configurations from before) stands for it. Both
 * must be LDAP filters; an empty one is allowed only where the metatype allows an empty string.
 */
final class Filters {

    static final String FILTER = ".filter";
    static final String TARGET = ".target";

    private Filters() {
    }

    /** A single string attribute whose id ends in .filter or .target: its value must parse as LDAP. */
    static boolean ldap(Rule rule) {
        return !rule.multiple() && rule.type() == AttributeDefinition.STRING
                && (rule.id().endsWith(FILTER) || rule.id().endsWith(TARGET));
    }

    /** The .target property a filter attribute fills; null when the rule is no filter or the metatype defines it too. */
    static String target(Rule rule, Map<String, Rule> rules) {
        if (!ldap(rule) || !rule.id().endsWith(FILTER)) {
            return null;
        }
        String target = rule.id().substring(0, rule.id().length() - FILTER.length()) + TARGET;
        return rules.containsKey(target) ? null : target;
    }

    /** Null when {@code s} is empty or an LDAP filter; else why not, with the parser's words escaped. */
    static String refusal(String s) {
        if (s.isEmpty()) {
            return null;
        }
        try {
            FrameworkUtil.createFilter(s);
            return null;
        } catch (InvalidSyntaxException e) {
            return "an LDAP filter such as (sensor.kind=bme280), the parser says " + Escape.text(String.valueOf(e.getMessage()));
        }
    }
}
