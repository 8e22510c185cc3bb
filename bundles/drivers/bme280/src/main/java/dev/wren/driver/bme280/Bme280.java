package dev.wren.driver.bme280;

import java.util.List;

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
 * A Bosch BME280 on I2C: temperature (degC), pressure (Pa) and relative humidity (%), one forced
 * measurement per read. One instance per chip.
 */
@Component(configurationPid = Bme280.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Sensor.class, ConfigurableComponent.class}, property = Sensor.KIND + "=bme280")
@Designate(ocd = Bme280.Config.class, factory = true)
public class Bme280 extends ChipSensor<Bme280.Settings, Bme280Reader> implements ConfigurableComponent {

    public static final String PID = "dev.wren.driver.bme280.Bme280";

    @ObjectClassDefinition(id = PID, name = "Wren BME280 (temperature, pressure, humidity)",
            description = "A Bosch BME280 on an I2C bus of the board. One instance per chip.")
    public @interface Config {

        @AttributeDefinition(name = "Sensor id", description = "Unique id of this sensor on the gateway.")
        String sensor_id() default "bme280";

        @AttributeDefinition(name = "I2C bus", min = "0", max = "31", description = "Bus number: /dev/i2c-N. 1 on a Raspberry Pi header.")
        int i2c_bus() default 1;

        @AttributeDefinition(name = "I2C address", description = "0x76 (SDO to GND) or 0x77 (SDO to VDDIO).",
                options = {@Option(label = "0x76", value = "0x76"), @Option(label = "0x77", value = "0x77")})
        String i2c_address() default "0x76";

        @AttributeDefinition(name = "Temperature oversampling", description = "Samples averaged per temperature result: 1, 2, 4, 8 or 16.",
                options = {@Option(label = "1", value = "1"), @Option(label = "2", value = "2"), @Option(label = "4", value = "4"),
                    @Option(label = "8", value = "8"), @Option(label = "16", value = "16")})
        int oversampling_temperature() default 1;

        @AttributeDefinition(name = "Pressure oversampling", description = "1, 2, 4, 8 or 16; 0 = pressure not measured.",
                options = {@Option(label = "0 (off)", value = "0"), @Option(label = "1", value = "1"), @Option(label = "2", value = "2"),
                    @Option(label = "4", value = "4"), @Option(label = "8", value = "8"), @Option(label = "16", value = "16")})
        int oversampling_pressure() default 1;

        @AttributeDefinition(name = "Humidity oversampling", description = "1, 2, 4, 8 or 16; 0 = humidity not measured.",
                options = {@Option(label = "0 (off)", value = "0"), @Option(label = "1", value = "1"), @Option(label = "2", value = "2"),
                    @Option(label = "4", value = "4"), @Option(label = "8", value = "8"), @Option(label = "16", value = "16")})
        int oversampling_humidity() default 1;

        @AttributeDefinition(name = "IIR filter", description = "Filter coefficient against short pressure disturbances: 0 (off), 2, 4, 8 or 16.",
                options = {@Option(label = "0 (off)", value = "0"), @Option(label = "2", value = "2"), @Option(label = "4", value = "4"),
                    @Option(label = "8", value = "8"), @Option(label = "16", value = "16")})
        int iir_filter() default 0;

        @AttributeDefinition(name = "Period in FULL mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in FULL mode, in milliseconds; 0 = not read; else 10 to 86400000.")
        long sampling_period_full_ms() default 10_000;

        @AttributeDefinition(name = "Period in DEGRADED mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in DEGRADED mode, in milliseconds; 0 = not read.")
        long sampling_period_degraded_ms() default 60_000;

        @AttributeDefinition(name = "Period in MINIMAL mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in MINIMAL mode, in milliseconds; 0 = not read.")
        long sampling_period_minimal_ms() default 600_000;
    }

    /** A validated configuration; oversampling as the register's 3-bit codes. */
    record Settings(String id, int bus, int address, int osrsT, int osrsP, int osrsH, int filter) implements ChipDriver.Target {

        private static final List<Integer> FACTORS = List.of(0, 1, 2, 4, 8, 16);

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c) {
            Sensor.requireValidId(c.sensor_id());
            new SamplingPeriods(c.sampling_period_full_ms(), c.sampling_period_degraded_ms(), c.sampling_period_minimal_ms());
            int address = ChipClaim.address("i2c.address", c.i2c_address(), 0x76, 0x77);
            if (c.i2c_bus() < 0 || c.i2c_bus() > 31) {
                throw new IllegalArgumentException("i2c.bus: must be 0 to 31, was " + c.i2c_bus());
            }
            int t = code("oversampling.temperature", c.oversampling_temperature(), false);
            int p = code("oversampling.pressure", c.oversampling_pressure(), true);
            int h = code("oversampling.humidity", c.oversampling_humidity(), true);
            if (!List.of(0, 2, 4, 8, 16).contains(c.iir_filter())) {
                throw new IllegalArgumentException("iir.filter: must be 0, 2, 4, 8 or 16, was " + c.iir_filter());
            }
            int f = code("iir.filter", c.iir_filter() / 2, true);
            return new Settings(c.sensor_id(), c.i2c_bus(), address, t, p, h, f);
        }

        private static int code(String property, int factor, boolean zeroAllowed) {
            int i = FACTORS.indexOf(factor);
            if (i < 0 || (i == 0 && !zeroAllowed)) {
                throw new IllegalArgumentException(property + ": must be " + (zeroAllowed ? "0, " : "")
                        + "1, 2, 4, 8 or 16, was " + factor);
            }
            return i;
        }

        /** Typical measurement time, datasheet section 9.1, in milliseconds. */
        double typicalMeasurementMillis() {
            return 1 + 2 * factor(osrsT) + (osrsP > 0 ? 2 * factor(osrsP) + 0.5 : 0) + (osrsH > 0 ? 2 * factor(osrsH) + 0.5 : 0);
        }

        /** Maximum measurement time, datasheet section 9.1, in milliseconds. */
        double maxMeasurementMillis() {
            return 1.25 + 2.3 * factor(osrsT) + (osrsP > 0 ? 2.3 * factor(osrsP) + 0.575 : 0)
                    + (osrsH > 0 ? 2.3 * factor(osrsH) + 0.575 : 0);
        }

        private static int factor(int code) {
            return FACTORS.get(code);
        }
    }

    @Activate
    void activate(Config config) {
        start("bme280", Settings.of(config), Bme280Reader::new);
    }

    @Modified
    void modified(Config config) {
        reconfigure(() -> Settings.of(config));
    }

    @Override
    public List<Reading> read() throws SensorException {
        return readChip(Bme280Reader::read);
    }
}
