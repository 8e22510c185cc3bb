package dev.wren.sensor;

import java.util.List;
import java.util.Locale;

import org.osgi.annotation.versioning.ConsumerType;

import dev.wren.power.PowerMode;

/**
 * A source of readings, registered as an OSGi service by a driver: one service per physical
 * chip or source (drivers are factory components, one instance per chip).
 *
 * <p>Service properties:
 * <ul>
 * <li>{@value #ID} (String, required): unique on the gateway, equal to {@link #id()}; used in
 * {@link Reading#sensor()}, topics and sink filters.</li>
 * <li>{@value #KIND} (String): the driver, for example {@code health}, {@code bme280}.</li>
 * <li>{@code sampling.period.<mode>.ms} (Long, see {@link #periodProperty(PowerMode)}):
 * how often the sampler reads this sensor in each power mode, in milliseconds; {@code 0} means
 * "not in this mode". Absent means the sampler's default for the mode.</li>
 * </ul>
 *
 * <p>Threading: the sampler calls {@link #read()} from one of its threads, never concurrently
 * for the same sensor. A read should finish well within the sensor's shortest period; a driver
 * must not block indefinitely (bound every bus wait). After the service is unregistered the
 * sampler makes no new calls, though one call may still be in progress.
 */
@ConsumerType
public interface Sensor {

    /** Service property: the sensor id. */
    String ID = "sensor.id";

    /** Service property: the driver kind. */
    String KIND = "sensor.kind";

    /**
     * Checks a sensor id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or
     * digit (ids appear in topics, filters and file names).
     *
     * @return {@code id}
     * @throws IllegalArgumentException naming the {@value #ID} property and the rule
     * @since 1.1
     */
    static String requireValidId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException(ID + ": must be 1 to 64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit, was '" + id + "'");
        }
        return id;
    }

    /**
     * @param mode a power mode
     * @return the service property holding this sensor's period in that mode,
     *         for example {@code sampling.period.full.ms}
     */
    static String periodProperty(PowerMode mode) {
        return "sampling.period." + mode.name().toLowerCase(Locale.ROOT) + ".ms";
    }

    /** @return the sensor id, as in the {@value #ID} service property */
    String id();

    /**
     * Reads the source once.
     *
     * @return the values measured by this read, at least one, all with this sensor's id;
     *         the list may be immutable
     * @throws SensorException when no trustworthy value could be read
     */
    List<Reading> read() throws SensorException;
}
