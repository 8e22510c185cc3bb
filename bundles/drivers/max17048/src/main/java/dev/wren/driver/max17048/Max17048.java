package dev.wren.driver.max17048;

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
 * A Maxim MAX17048 fuel gauge on I2C, on the gateway's single Li-ion cell: state of charge (%),
 * cell voltage (V) and charge rate (%/h, negative while discharging). One instance per chip.
 */
@Component(configurationPid = Max17048.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Sensor.class, ConfigurableComponent.class}, property = Sensor.KIND + "=max17048")
@Designate(ocd = Max17048.Config.class, factory = true)
public class Max17048 extends ChipSensor<Max17048.Settings, Max17048Reader> implements ConfigurableComponent {

    public static final String PID = "dev.wren.driver.max17048.Max17048";

    @ObjectClassDefinition(id = PID, name = "Wren MAX17048 (battery fuel gauge)",
            description = "A Maxim MAX17048 fuel gauge on an I2C bus of the board, measuring one Li-ion cell. One instance per chip.")
    public @interface Config {

        @AttributeDefinition(name = "Sensor id", description = "Unique id of this sensor on the gateway.")
        String sensor_id() default "fuel-gauge";

        @AttributeDefinition(name = "I2C bus", min = "0", max = "31", description = "Bus number: /dev/i2c-N. 1 on a Raspberry Pi header.")
        int i2c_bus() default 1;

        @AttributeDefinition(name = "I2C address", description = "The MAX17048 answers at 0x36 only.",
                options = {@Option(label = "0x36", value = "0x36")})
        String i2c_address() default "0x36";

        @AttributeDefinition(name = "Period in FULL mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in FULL mode, in milliseconds; 0 = not read; else 10 to 86400000.")
        long sampling_period_full_ms() default 30_000;

        @AttributeDefinition(name = "Period in DEGRADED mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in DEGRADED mode, in milliseconds; 0 = not read.")
        long sampling_period_degraded_ms() default 60_000;

        @AttributeDefinition(name = "Period in MINIMAL mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in MINIMAL mode, in milliseconds; 0 = not read.")
        long sampling_period_minimal_ms() default 300_000;
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
            return new Settings(c.sensor_id(), c.i2c_bus(), ChipClaim.address("i2c.address", c.i2c_address(), 0x36));
        }
    }

    @Activate
    void activate(Config config) {
        start("max17048", Settings.of(config), Max17048Reader::new);
    }

    @Modified
    void modified(Config config) {
        reconfigure(() -> Settings.of(config));
    }

    @Override
    public List<Reading> read() throws SensorException {
        return readChip(Max17048Reader::read);
    }
}
