package dev.wren.driver.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.wren.sensor.Reading;
import dev.wren.sensor.SamplingPeriods;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;

/**
 * Raspberry Pi throttling flags, read without root from the firmware driver's
 * {@code get_throttled} attribute (the value {@code vcgencmd get_throttled} prints): bits 0-3
 * under-voltage, frequency capped, throttled and soft temperature limit now; bits 16-19 the same
 * "has occurred since boot". Each flag becomes a 0/1 reading.
 */
@Component(configurationPid = Throttling.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Sensor.class, ConfigurableComponent.class}, property = Sensor.KIND + "=throttling")
@Designate(ocd = Throttling.Config.class, factory = true)
public class Throttling implements Sensor, ConfigurableComponent {

    public static final String PID = "dev.wren.driver.linux.Throttling";

    static final String[] FLAGS = {"undervoltage", "capped", "throttled", "soft_temp_limit"};

    @ObjectClassDefinition(id = PID, name = "Wren Raspberry Pi throttling",
            description = "Under-voltage and thermal throttling flags of a Raspberry Pi.")
    public @interface Config {

        @AttributeDefinition(name = "Sensor id", description = "Unique id of this sensor on the gateway.")
        String sensor_id() default "throttling";

        @AttributeDefinition(name = "Flags file", description = "The firmware's get_throttled attribute.")
        String path() default "/sys/devices/platform/soc/soc:firmware/get_throttled";

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

    /** A validated configuration. */
    record Settings(String id, Path path) {

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c) {
            Sensor.requireValidId(c.sensor_id());
            new SamplingPeriods(c.sampling_period_full_ms(), c.sampling_period_degraded_ms(), c.sampling_period_minimal_ms());
            if (c.path().isBlank()) {
                throw new IllegalArgumentException("path: must name the get_throttled file");
            }
            return new Settings(c.sensor_id(), Path.of(c.path()));
        }
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private volatile Settings settings;

    @Activate
    void activate(Config config) {
        settings = Settings.of(config);
    }

    @Modified
    void modified(Config config) {
        try {
            settings = Settings.of(config);
        } catch (RuntimeException e) {
            log.error("Configuration of throttling sensor {} refused, keeping the last good one: {}",
                    settings.id(), e.getMessage());
        }
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public List<Reading> read() throws SensorException {
        return read(settings);
    }

    static List<Reading> read(Settings s) throws SensorException {
        String text = Sysfs.text(s.path()).orElseThrow(() -> new SensorException(Fault.ABSENT,
                "no throttling flags at " + s.path() + " (not a Raspberry Pi, or firmware driver missing)"));
        long flags = parse(text);
        long now = System.currentTimeMillis();
        List<Reading> out = new ArrayList<>(2 * FLAGS.length);
        for (int bit = 0; bit < FLAGS.length; bit++) {
            out.add(new Reading(s.id(), "throttle." + FLAGS[bit], (flags >> bit) & 1, "", now));
            out.add(new Reading(s.id(), "throttle." + FLAGS[bit] + ".occurred", (flags >> (bit + 16)) & 1, "", now));
        }
        return out;
    }

    /** @return the flags of {@code 50005}, {@code 0x50005} or {@code throttled=0x50005} */
    static long parse(String text) throws SensorException {
        String hex = text.substring(text.indexOf('=') + 1).trim();
        if (hex.startsWith("0x") || hex.startsWith("0X")) {
            hex = hex.substring(2);
        }
        try {
            long flags = Long.parseLong(hex, 16);
            if (flags < 0 || flags > 0xFFFFFFFFL) {
                throw new NumberFormatException("not 32 bits");
            }
            return flags;
        } catch (NumberFormatException e) {
            throw new SensorException(Fault.CORRUPT_DATA, "throttling flags '" + text + "' are not a hex number");
        }
    }
}
