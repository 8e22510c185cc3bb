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
