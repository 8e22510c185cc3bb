package dev.wren.sensor;

/**
 * EventAdmin topics and property names for sensor health notifications. They are posted
 * asynchronously by the sampler; the data itself never travels through EventAdmin.
 */
public final class SensorEvents {

    /** A sensor failed {@code fault.threshold} reads in a row and is now retried with backoff. */
    public static final String TOPIC_FAULTED = "dev/wren/sensor/FAULTED";

    /** A faulted sensor produced a good read again. */
    public static final String TOPIC_RECOVERED = "dev/wren/sensor/RECOVERED";

    /** Event property: the sensor id (String). */
    public static final String SENSOR = Sensor.ID;

    /** Event property: the {@link SensorException.Fault} name (String), on FAULTED. */
    public static final String FAULT = "fault";

    /** Event property: the last failure's message (String), on FAULTED. */
    public static final String MESSAGE = "message";

    private SensorEvents() {
    }
}
