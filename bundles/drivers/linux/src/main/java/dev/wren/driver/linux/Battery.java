package dev.wren.driver.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import dev.wren.sensor.Quantity;
import dev.wren.sensor.SensorException.Fault;

/**
 * A battery as the kernel's power-supply class reports it ({@code /sys/class/power_supply/<name>}):
 * state of charge, charging, external power, voltage and current. Needs no extra chip and no root.
 */
@Component(configurationPid = Battery.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Sensor.class, ConfigurableComponent.class}, property = Sensor.KIND + "=battery")
@Designate(ocd = Battery.Config.class, factory = true)
public class Battery implements Sensor, ConfigurableComponent {

    public static final String PID = "dev.wren.driver.linux.Battery";

    @ObjectClassDefinition(id = PID, name = "Wren battery (Linux power supply)",
            description = "A battery reported by the kernel under /sys/class/power_supply.")
    public @interface Config {

        @AttributeDefinition(name = "Sensor id", description = "Unique id of this sensor on the gateway.")
        String sensor_id() default "battery";

        @AttributeDefinition(name = "Supply", required = false,
                description = "Name under the power-supply directory, e.g. BAT0. Empty = the first supply of type Battery.")
        String supply() default "";

        @AttributeDefinition(name = "Power-supply directory", description = "Where the kernel lists power supplies.")
        String power_supply_root() default "/sys/class/power_supply";

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
    record Settings(String id, String supply, Path root) {

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c) {
            Sensor.requireValidId(c.sensor_id());
            new SamplingPeriods(c.sampling_period_full_ms(), c.sampling_period_degraded_ms(), c.sampling_period_minimal_ms());
            if (c.supply().contains("/") || c.supply().equals("..")) {
                throw new IllegalArgumentException("supply: must be a name under " + c.power_supply_root()
                        + ", was '" + c.supply() + "'");
            }
            return new Settings(c.sensor_id(), c.supply().trim(), Path.of(c.power_supply_root()));
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
            log.error("Configuration of battery sensor {} refused, keeping the last good one: {}",
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
        Path dir = supplyDir(s);
        long now = System.currentTimeMillis();
        long soc = Sysfs.number(dir.resolve("capacity")).orElseThrow(() -> new SensorException(Fault.UNAVAILABLE,
                "no readable capacity in " + dir));
        if (soc < 0 || soc > 100) {
            throw new SensorException(Fault.OUT_OF_RANGE, "capacity " + soc + " % in " + dir + " is not 0 to 100");
        }
        List<Reading> out = new ArrayList<>(5);
        out.add(new Reading(s.id(), Quantity.BATTERY_SOC, soc, "%", now));
        Sysfs.text(dir.resolve("status")).ifPresent(status -> {
            if (!status.equals("Unknown")) {
                out.add(new Reading(s.id(), Quantity.BATTERY_CHARGING, status.equals("Charging") ? 1 : 0, "", now));
                out.add(new Reading(s.id(), Quantity.POWER_EXTERNAL, status.equals("Discharging") ? 0 : 1, "", now));
            }
        });
        Sysfs.number(dir.resolve("voltage_now")).ifPresent(uv -> out.add(new Reading(s.id(), Quantity.BATTERY_VOLTAGE, uv / 1e6, "V", now)));
        Sysfs.number(dir.resolve("current_now")).ifPresent(ua -> out.add(new Reading(s.id(), Quantity.BATTERY_CURRENT, ua / 1e6, "A", now)));
        return out;
    }

    private static Path supplyDir(Settings s) throws SensorException {
        if (!s.supply().isEmpty()) {
            Path dir = s.root().resolve(s.supply());
            if (!Files.isDirectory(dir)) {
                throw new SensorException(Fault.ABSENT, "no power supply '" + s.supply() + "' under " + s.root());
            }
            return dir;
        }
        return firstBattery(s.root()).orElseThrow(() -> new SensorException(Fault.ABSENT,
                "no power supply of type Battery under " + s.root()));
    }

    static Optional<Path> firstBattery(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        List<Path> batteries = new ArrayList<>();
        try (DirectoryStream<Path> supplies = Files.newDirectoryStream(root)) {
            for (Path p : supplies) {
                if (Sysfs.text(p.resolve("type")).filter("Battery"::equals).isPresent()) {
                    batteries.add(p);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return batteries.stream().sorted().findFirst();
    }
}
