package dev.wren.sensor;

/**
 * The quantity names Wren's own components match on, as constants, so a third-party driver that
 * measures the same thing is taken up by them without a string copied from Wren's sources. A
 * {@link Reading#quantity() quantity} is free text (lower case, dotted); these are the names with
 * a meaning fixed here: the unit is part of the contract.
 *
 * <p>Who matches what: the power manager takes {@link #BATTERY_SOC}, {@link #POWER_EXTERNAL},
 * {@link #POWER}, {@link #TEMPERATURE}, {@code thermal.*cpu*} ({@link #THERMAL_PREFIX}) and the
 * {@code throttle.*} flags ({@link #THROTTLE_PREFIX}); the vibration pipeline takes windows of
 * {@link #ACCEL_X}, {@link #ACCEL_Y}, {@link #ACCEL_Z}; a model descriptor names the quantities it
 * consumes (see {@code dev.wren.inference.features}).
 *
 * @since 1.4
 */
public final class Quantity {

    /** Air temperature, degC. */
    public static final String TEMPERATURE = "temperature";
    /** Relative humidity, %. */
    public static final String HUMIDITY = "humidity";
    /** Air pressure, Pa. */
    public static final String PRESSURE = "pressure";

    /** Battery state of charge, % (0 to 100). */
    public static final String BATTERY_SOC = "battery.soc";
    /** Battery charge or discharge rate, %/h (negative while discharging). */
    public static final String BATTERY_RATE = "battery.rate";
    /** Battery terminal voltage, V. */
    public static final String BATTERY_VOLTAGE = "battery.voltage";
    /** Battery current, A. */
    public static final String BATTERY_CURRENT = "battery.current";
    /** 1 while the battery charges, else 0; no unit. */
    public static final String BATTERY_CHARGING = "battery.charging";
    /** 1 while the gateway runs on external power (or charges), else 0; no unit. */
    public static final String POWER_EXTERNAL = "power.external";

    /** Electrical power drawn by the gateway, as measured in its supply, W. */
    public static final String POWER = "power";
    /** Power the gateway is modelled to draw in its current mode (the power manager's own sensor), W. */
    public static final String POWER_DRAW = "power.draw";
    /** Current, A. */
    public static final String CURRENT = "current";
    /** Supply (bus) voltage, V. */
    public static final String BUS_VOLTAGE = "bus.voltage";
    /** Voltage across a current shunt, V. */
    public static final String SHUNT_VOLTAGE = "shunt.voltage";

    /** Acceleration along the sensor's x axis, g; a channel of a vibration {@link Window}. */
    public static final String ACCEL_X = "accel.x";
    /** Acceleration along y, g. */
    public static final String ACCEL_Y = "accel.y";
    /** Acceleration along z, g. */
    public static final String ACCEL_Z = "accel.z";

    /** Prefix of a thermal zone's temperature, degC: {@code thermal.cpu-thermal} on a Raspberry Pi. */
    public static final String THERMAL_PREFIX = "thermal.";
    /** Prefix of a throttling flag, 0/1: {@code throttle.undervoltage}, {@code throttle.capped}, ... */
    public static final String THROTTLE_PREFIX = "throttle.";

    private Quantity() {
    }
}
