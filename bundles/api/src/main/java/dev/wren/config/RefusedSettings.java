package dev.wren.config;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The settings Wren's configuration guard refuses now: a stored value of a Wren component that breaks
 * its metatype rule (range, options, pattern, cardinality) never reaches the component, which runs its
 * last good value or its default instead, while Config Admin (and so a settings form) still holds the
 * refused value. Registered by the guard's bundle; read by status views, so an operator sees that a value
 * shown in a form is not the value running.
 *
 * <p>An entry lasts until the configuration is delivered again with a value the rule accepts, or is
 * deleted. Thread-safe; {@link #current()} is cheap.
 */
@ProviderType
public interface RefusedSettings {

    /** @return the refusals in force, by PID then property; never null */
    List<Refusal> current();

    /**
     * One refused value.
     *
     * @param pid      the configuration's PID (a factory configuration's own PID)
     * @param property the attribute id, such as {@code period.full.ms}
     * @param value    the refused value, escaped for one line of text
     * @param reason   why, in words ({@code above the maximum 86400000})
     * @param rule     the whole rule ({@code integer 0..86400000})
     * @param running  what runs instead, in words ({@code the default 1000})
     * @param at       when it was refused, milliseconds since the epoch
     */
    record Refusal(String pid, String property, String value, String reason, String rule, String running, long at) {
    }
}
