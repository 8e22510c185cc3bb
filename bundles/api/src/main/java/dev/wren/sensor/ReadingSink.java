package dev.wren.sensor;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A consumer of readings (the inference pipeline, the outbox, a logger, a third party's bundle),
 * registered as an OSGi service: the whiteboard pattern. The sampler finds every sink and calls
 * it with each batch a matching sensor produced.
 *
 * <p>Service property {@value #SENSORS_TARGET} (String): an LDAP filter over the sensors'
 * service properties choosing which sensors the sink receives, for example
 * {@code (sensor.kind=bme280)}; absent means all sensors. Kura's web UI renders a
 * configuration property of that name read-only, so sinks offer {@value #SENSORS_FILTER} in their
 * configuration instead (Wren's configuration guard copies it here). A filter that does not parse is a
 * configuration error: the sampler logs the property and the reason and keeps using the sink's
 * last filter that parsed (none at all if there never was one, so the sink gets nothing).
 *
 * <p>Threading: calls come from the sampler's threads, possibly concurrently for different
 * sensors, in order for any one sensor. A sink must return quickly (hand heavy work to its own
 * executor); a slow sink delays the sensors sampled after it. An exception thrown by a sink is
 * caught, counted and logged by the sampler; it never stops sampling or other sinks.
 */
@ConsumerType
public interface ReadingSink {

    /** Service property: LDAP filter choosing the sensors this sink receives. */
    String SENSORS_TARGET = "sensors.target";

    /**
     * Configuration property a user types: the LDAP filter that becomes {@value #SENSORS_TARGET}. Kura's
     * web UI shows an attribute ending in {@code .target} read-only, so a sink's metatype offers this one;
     * Wren's configuration guard refuses a value that is not an LDAP filter (the last good one runs) and
     * copies a valid one into {@value #SENSORS_TARGET}. {@value #SENSORS_TARGET} given directly still works.
     *
     * @since 1.3
     */
    String SENSORS_FILTER = "sensors.filter";

    /**
     * @param readings one read of one sensor, not empty, immutable; all share the same
     *                 {@link Reading#sensor()}
     */
    void accept(List<Reading> readings);

    /**
     * @param window a block of samples from a matching sensor; do not modify its array.
     *               The default ignores windows.
     */
    default void acceptWindow(Window window) {
    }
}
