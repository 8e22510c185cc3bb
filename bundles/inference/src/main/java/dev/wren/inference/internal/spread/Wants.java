package dev.wren.inference.internal.spread;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.VersionRange;

/**
 * Which models a gateway fetches from its peers: {@code name} (any version) or
 * {@code name@range} with an OSGi version range ({@code [1.0,2.0)}, {@code 1.2} meaning 1.2 or
 * higher), comma separated. The highest version in range that a peer offers and this gateway lacks
 * is fetched.
 */
public final class Wants {

    /** One model name and the versions of it wanted. */
    public record Rule(String name, VersionRange range) {

        @Override
        public String toString() {
            return name + "@" + range;
        }
    }

    private Wants() {
    }

    /** @throws IllegalArgumentException naming the entry that is not a rule */
    public static List<Rule> parse(String text) {
        List<Rule> rules = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return rules;
        }
        // a range holds a comma, so entries are split at commas outside brackets
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0 || i == text.length()) {
                String entry = text.substring(start, i).trim();
                if (!entry.isEmpty()) {
                    rules.add(rule(entry));
                }
                start = i + 1;
            }
        }
        return rules;
    }

    private static Rule rule(String entry) {
        int at = entry.indexOf('@');
        String name = (at < 0 ? entry : entry.substring(0, at)).trim();
        if (name.isEmpty() || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("'" + entry + "': a model name is letters, digits, '.', '_' or '-'");
        }
        try {
            return new Rule(name, at < 0 ? new VersionRange("0") : new VersionRange(entry.substring(at + 1).trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + entry + "': not a version range (" + e.getMessage() + ")", e);
        }
    }
}
