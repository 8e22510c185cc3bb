package org.example.wren.sht31;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

import dev.wren.hardware.Board;
import dev.wren.hardware.ChipClaim;
import dev.wren.hardware.ChipDriver;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SamplingPeriods;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorException;

/**
 * A Sensirion SHT31 on I2C: temperature (degC) and relative humidity (%), one single-shot
 * measurement per read. One instance per chip. Plain Declarative Services: the component holds
 * Wren's {@link ChipDriver}, which claims the chip on the {@link Board} and keeps the configuration
 * in force, so no base class and no bnd option are needed.
 */
@Component(configurationPid = Sht31.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = Sensor.KIND + "=sht31")
@Designate(ocd = Sht31.Config.class, factory = true)
public class Sht31 implements Sensor {

    public static final String PID = "org.example.wren.sht31.Sht31";

    @ObjectClassDefinition(id = PID, name = "SHT31 (temperature, humidity)",
            description = "A Sensirion SHT31 on an I2C bus of the board. One instance per chip.")
    public @interface Config {

        @AttributeDefinition(name = "Sensor id", description = "Unique id of this sensor on the gateway.")
        String sensor_id() default "sht31";

        @AttributeDefinition(name = "I2C bus", min = "0", max = "31", description = "Bus number: /dev/i2c-N.")
        int i2c_bus() default 1;

        @AttributeDefinition(name = "I2C address", description = "0x44 (ADDR to GND) or 0x45 (ADDR to VDD).",
                options = {@Option(label = "0x44", value = "0x44"), @Option(label = "0x45", value = "0x45")})
        String i2c_address() default "0x44";

        @AttributeDefinition(name = "Period in FULL mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in FULL mode, in milliseconds; 0 = not read.")
        long sampling_period_full_ms() default 10_000;

        @AttributeDefinition(name = "Period in DEGRADED mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in DEGRADED mode, in milliseconds; 0 = not read.")
        long sampling_period_degraded_ms() default 60_000;

        @AttributeDefinition(name = "Period in MINIMAL mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in MINIMAL mode, in milliseconds; 0 = not read.")
        long sampling_period_minimal_ms() default 600_000;
    }

    /** A validated configuration. */
    record Settings(String id, int bus, int address) implements ChipDriver.Target {

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c) {
            Sensor.requireValidId(c.sensor_id());
            new SamplingPeriods(c.sampling_period_full_ms(), c.sampling_period_degraded_ms(), c.sampling_period_minimal_ms());
            if (c.i2c_bus() < 0 || c.i2c_bus() > 31) {
                throw new IllegalArgumentException("i2c.bus: must be 0 to 31, was " + c.i2c_bus());
            }
            return new Settings(c.sensor_id(), c.i2c_bus(), ChipClaim.address("i2c.address", c.i2c_address(), 0x44, 0x45));
        }
    }

    @Reference
    private Board board;

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private ChipDriver<Settings, Sht31Reader> chip;

    @Activate
    void activate(Config config) {
        chip = new ChipDriver<>(board, "sht31", Settings.of(config), Sht31Reader::new, log);
    }

    @Modified
    void modified(Config config) {
        chip.reconfigure(() -> Settings.of(config));
    }

    @Deactivate
    void deactivate() {
        chip.close();
    }

    @Override
    public String id() {
        return chip.settings().id();
    }

    @Override
    public List<Reading> read() throws SensorException {
        return chip.read(Sht31Reader::read);
    }
}
