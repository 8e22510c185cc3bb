package dev.wren.power;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The current power mode, a service provided by Wren's power manager (one per gateway).
 *
 * <p>Service property {@value #MODE} (String): the {@link PowerMode} name, updated on every
 * transition (the service registration's properties change; it is not re-registered).
 * On every transition an event is posted on {@value #TOPIC_MODE_CHANGED} with the properties
 * {@value #EVENT_FROM}, {@value #EVENT_TO} (mode names) and {@value #EVENT_REASON}.
 *
 * <p>Threading: all methods are safe to call from any thread and return without blocking.
 */
@ProviderType
public interface PowerState {

    /** Service property: the current mode's name. */
    String MODE = "power.mode";

    /**
     * Service property: hours the battery lasts at the current mode's draw, in 0.1 h steps, refreshed
     * at most once a minute; absent while charging or without a battery reading.
     *
     * @since 1.2
     */
    String TIME_TO_EMPTY = "power.time.to.empty.h";

    /**
     * Configuration property of a component that runs only in some power modes: an LDAP filter over this
     * service's properties, such as {@code (power.mode=FULL)}, that Wren's configuration guard checks and
     * copies into the component's {@code power.target} reference target (Kura's web UI cannot edit an
     * attribute ending in {@code .target}; {@code power.target} given directly still works).
     *
     * @since 1.1
     */
    String FILTER = "power.filter";

    /** EventAdmin topic of mode transitions. */
    String TOPIC_MODE_CHANGED = "dev/wren/power/MODE_CHANGED";

    /** Event property: the mode left. */
    String EVENT_FROM = "from";

    /** Event property: the mode entered. */
    String EVENT_TO = "to";

    /** Event property: why, in words ("battery 14 % below 15 %"). */
    String EVENT_REASON = "reason";

    /** @return the current mode, never null */
    PowerMode mode();

    /** @return why the gateway is in this mode, in words, never null */
    String reason();

    /** @return when the current mode was entered */
    Instant since();
}
