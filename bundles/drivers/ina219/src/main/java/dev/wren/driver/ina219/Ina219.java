package dev.wren.driver.ina219;

import java.util.List;
import java.util.Locale;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import dev.wren.hardware.ChipClaim;
import dev.wren.hardware.ChipDriver;
import dev.wren.hardware.ChipSensor;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SamplingPeriods;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorException;

/**
 * A TI INA219 on I2C measuring the current through a shunt resistor and the voltage of the rail
 * it sits on: bus voltage (V), shunt voltage (V), current (A) and power (W), one triggered
 * conversion per read. One instance per chip.
 */
@Component(configurationPid = Ina219.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Sensor.class, ConfigurableComponent.class}, property = Sensor.KIND + "=ina219")
@Designate(ocd = Ina219.Config.class, factory = true)
public class Ina219 extends ChipSensor<Ina219.Settings, Ina219Reader> implements ConfigurableComponent {

    public static final String PID = "dev.wren.driver.ina219.Ina219";

    @ObjectClassDefinition(id = PID, name = "Wren INA219 (bus voltage, current, power)",
            description = "A TI INA219 current monitor on an I2C bus of the board. One instance per chip.")
    public @interface Config {

        @AttributeDefinition(name = "Sensor id", description = "Unique id of this sensor on the gateway.")
        String sensor_id() default "power";

        @AttributeDefinition(name = "I2C bus", min = "0", max = "31", description = "Bus number: /dev/i2c-N. 1 on a Raspberry Pi header.")
        int i2c_bus() default 1;

        @AttributeDefinition(name = "I2C address", description = "0x40 to 0x4F, set by the A0 and A1 pins (0x40 with both to GND).",
                options = {@Option(label = "0x40", value = "0x40"), @Option(label = "0x41", value = "0x41"),
                    @Option(label = "0x42", value = "0x42"), @Option(label = "0x43", value = "0x43"),
                    @Option(label = "0x44", value = "0x44"), @Option(label = "0x45", value = "0x45"),
                    @Option(label = "0x46", value = "0x46"), @Option(label = "0x47", value = "0x47"),
                    @Option(label = "0x48", value = "0x48"), @Option(label = "0x49", value = "0x49"),
                    @Option(label = "0x4A", value = "0x4A"), @Option(label = "0x4B", value = "0x4B"),
                    @Option(label = "0x4C", value = "0x4C"), @Option(label = "0x4D", value = "0x4D"),
                    @Option(label = "0x4E", value = "0x4E"), @Option(label = "0x4F", value = "0x4F")})
        String i2c_address() default "0x40";

        @AttributeDefinition(name = "Shunt resistance (ohm)", min = "0.0001", max = "100",
                description = "The resistor between IN+ and IN-, in ohms. 0.1 on most breakout boards.")
        double shunt_ohms() default 0.1;

        @AttributeDefinition(name = "Maximum current (A)", min = "0.001", max = "100",
                description = "The largest current expected through the shunt, in amperes. Sets the current step "
                        + "(max / 32768) and the gain: max x shunt must stay within 320 mV.")
        double max_current_a() default 3.2;

        @AttributeDefinition(name = "Bus voltage range (V)", description = "Full scale of the bus voltage: 16 (rails up to 16 V) or 32 (up to 26 V, the pin's limit).",
                options = {@Option(label = "16 V", value = "16"), @Option(label = "32 V", value = "32")})
        int bus_range_v() default 32;

        @AttributeDefinition(name = "Samples averaged", description = "Conversions averaged per result: 1 (532 us) to 128 (68 ms), in powers of 2.",
                options = {@Option(label = "1", value = "1"), @Option(label = "2", value = "2"), @Option(label = "4", value = "4"),
                    @Option(label = "8", value = "8"), @Option(label = "16", value = "16"), @Option(label = "32", value = "32"),
                    @Option(label = "64", value = "64"), @Option(label = "128", value = "128")})
        int samples_averaged() default 1;

        @AttributeDefinition(name = "Period in FULL mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in FULL mode, in milliseconds; 0 = not read; else 10 to 86400000.")
        long sampling_period_full_ms() default 10_000;

        @AttributeDefinition(name = "Period in DEGRADED mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in DEGRADED mode, in milliseconds; 0 = not read.")
        long sampling_period_degraded_ms() default 60_000;

        @AttributeDefinition(name = "Period in MINIMAL mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in MINIMAL mode, in milliseconds; 0 = not read.")
        long sampling_period_minimal_ms() default 300_000;
    }

    /**
     * A validated configuration.
     *
     * @param config     the configuration register for one triggered shunt-and-bus conversion
     * @param cycleNanos how long that conversion takes, per the datasheet
     * @param shuntLimit the shunt register's full scale at the chosen gain, in 10 uV steps
     */
    record Settings(String id, int bus, int address, Calibration calibration, int config, long cycleNanos, int shuntLimit) implements ChipDriver.Target {

        private static final long[] AVERAGED_NANOS = {532_000, 1_060_000, 2_130_000, 4_260_000,
            8_510_000, 17_020_000, 34_050_000, 68_100_000};

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c) {
            Sensor.requireValidId(c.sensor_id());
            new SamplingPeriods(c.sampling_period_full_ms(), c.sampling_period_degraded_ms(), c.sampling_period_minimal_ms());
            if (c.i2c_bus() < 0 || c.i2c_bus() > 31) {
                throw new IllegalArgumentException("i2c.bus: must be 0 to 31, was " + c.i2c_bus());
            }
            int address = ChipClaim.address("i2c.address", c.i2c_address(), 0x40, 0x41, 0x42, 0x43, 0x44, 0x45,
                    0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F);
            if (!(c.shunt_ohms() >= 0.0001 && c.shunt_ohms() <= 100)) {
                throw new IllegalArgumentException("shunt.ohms: must be 0.0001 to 100 ohm, was " + c.shunt_ohms());
            }
            if (!(c.max_current_a() > 0 && c.max_current_a() <= 100)) {
                throw new IllegalArgumentException("max.current.a: must be above 0 and at most 100 A, was " + c.max_current_a());
            }
            double shuntMv = c.max_current_a() * c.shunt_ohms() * 1000;
            int pga = 0;
            while (pga < 4 && shuntMv > (40 << pga) * (1 + 1e-9)) {
                pga++;
            }
            if (pga == 4) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "max.current.a: %s A through shunt.ohms %s ohm drops %.0f mV, more than the INA219 measures (320 mV)",
                        c.max_current_a(), c.shunt_ohms(), shuntMv));
            }
            Calibration cal = Calibration.forMaxCurrent(c.shunt_ohms(), c.max_current_a());
            if (c.bus_range_v() != 16 && c.bus_range_v() != 32) {
                throw new IllegalArgumentException("bus.range.v: must be 16 or 32, was " + c.bus_range_v());
            }
            int n = c.samples_averaged();
            if (n < 1 || n > 128 || Integer.bitCount(n) != 1) {
                throw new IllegalArgumentException("samples.averaged: must be 1, 2, 4, 8, 16, 32, 64 or 128, was " + n);
            }
            int log2 = Integer.numberOfTrailingZeros(n);
            int adc = n == 1 ? 0b0011 : 0b1000 | log2;
            int config = (c.bus_range_v() == 32 ? 0x2000 : 0) | pga << 11 | adc << 7 | adc << 3 | 0b011;
            return new Settings(c.sensor_id(), c.i2c_bus(), address, cal, config, 2 * AVERAGED_NANOS[log2], 4000 << pga);
        }
    }

    @Activate
    void activate(Config config) {
        start("ina219", Settings.of(config), Ina219Reader::new);
    }

    @Modified
    void modified(Config config) {
        reconfigure(() -> Settings.of(config));
    }

    @Override
    public List<Reading> read() throws SensorException {
        return readChip(Ina219Reader::read);
    }
}
