package dev.wren.driver.gpio;

import java.util.List;
import java.util.Locale;

import org.eclipse.kura.configuration.ConfigurableComponent;
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
import dev.wren.sensor.Reading;
import dev.wren.sensor.SamplingPeriods;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorException;

/**
 * One GPIO line: an input (PIR motion sensor, button, door contact) read as its level and the
 * active edges counted since the previous read, so that a short pulse between two reads is never
 * missed; or an output (relay, LED) driven to the configured state and read back.
 */
@Component(configurationPid = Gpio.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Sensor.class, ConfigurableComponent.class}, property = Sensor.KIND + "=gpio")
@Designate(ocd = Gpio.Config.class, factory = true)
public class Gpio implements Sensor, ConfigurableComponent {

    public static final String PID = "dev.wren.driver.gpio.Gpio";

    @ObjectClassDefinition(id = PID, name = "Wren GPIO line",
            description = "One GPIO line of the board as an input (motion, button) or an output (relay, LED).")
    public @interface Config {

        @AttributeDefinition(name = "Sensor id", description = "Unique id of this sensor on the gateway.")
        String sensor_id() default "motion";

        @AttributeDefinition(name = "GPIO line", min = "0", max = "511",
                description = "Line number on the board's GPIO chip (BCM number on a Raspberry Pi: header pin 11 is 17).")
        int line() default 17;

        @AttributeDefinition(name = "Direction", options = {@Option(label = "input", value = "input"),
            @Option(label = "output", value = "output")}, description = "input: read the line; output: drive it.")
        String direction() default "input";

        @AttributeDefinition(name = "Quantity", description = "Name of the reading: motion, button, door, relay, led...")
        String quantity() default "motion";

        @AttributeDefinition(name = "Active low", description = "The line is low when active (a button to ground, a low-level relay board).")
        boolean active_low() default false;

        @AttributeDefinition(name = "Pull resistor", options = {@Option(label = "none", value = "off"),
            @Option(label = "pull-up", value = "up"), @Option(label = "pull-down", value = "down")},
                description = "Input bias.")
        String pull() default "down";

        @AttributeDefinition(name = "Debounce (us)", min = "0", max = "1000000", description = "Input debounce in microseconds; 0 = none.")
        long debounce_us() default 10_000;

        @AttributeDefinition(name = "Output active", description = "Output: drive the line active (relay on) or inactive.")
        boolean output_active() default false;

        @AttributeDefinition(name = "Period in FULL mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in FULL mode, in milliseconds; 0 = not read; else 10 to 86400000.")
        long sampling_period_full_ms() default 1_000;

        @AttributeDefinition(name = "Period in DEGRADED mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in DEGRADED mode, in milliseconds; 0 = not read.")
        long sampling_period_degraded_ms() default 10_000;

        @AttributeDefinition(name = "Period in MINIMAL mode (ms)", min = "0", max = "86400000",
                description = "Time between two reads in MINIMAL mode, in milliseconds; 0 = not read.")
        long sampling_period_minimal_ms() default 60_000;
    }

    /** A validated configuration. */
    record Settings(String id, int line, boolean output, String quantity, boolean activeLow, String pull,
                    long debounceUs, boolean outputActive) {

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c) {
            Sensor.requireValidId(c.sensor_id());
            new SamplingPeriods(c.sampling_period_full_ms(), c.sampling_period_degraded_ms(), c.sampling_period_minimal_ms());
            if (c.line() < 0 || c.line() > 511) {
                throw new IllegalArgumentException("line: must be 0 to 511, was " + c.line());
            }
            String dir = c.direction().trim().toLowerCase(Locale.ROOT);
            if (!dir.equals("input") && !dir.equals("output")) {
                throw new IllegalArgumentException("direction: must be input or output, was '" + c.direction() + "'");
            }
            if (!c.quantity().matches("[a-z][a-z0-9_.]{0,31}")) {
                throw new IllegalArgumentException("quantity: must be 1 to 32 lower-case letters, digits, '_' or '.', "
                        + "starting with a letter, was '" + c.quantity() + "'");
            }
            String pull = c.pull().trim().toLowerCase(Locale.ROOT);
            if (!List.of("off", "up", "down").contains(pull)) {
                throw new IllegalArgumentException("pull: must be off, up or down, was '" + c.pull() + "'");
            }
            if (c.debounce_us() < 0 || c.debounce_us() > 1_000_000) {
                throw new IllegalArgumentException("debounce.us: must be 0 to 1000000, was " + c.debounce_us());
            }
            return new Settings(c.sensor_id(), c.line(), dir.equals("output"), c.quantity(), c.active_low(), pull,
                    c.debounce_us(), c.output_active());
        }

        /** @return whether a change from {@code s} needs the line opened again */
        boolean sameLine(Settings s) {
            return line == s.line && output == s.output && activeLow == s.activeLow && pull.equals(s.pull)
                    && debounceUs == s.debounceUs;
        }
    }

    @Reference
    private Board board;

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private volatile Settings settings;
    private volatile GpioLine line;
    private boolean closed;

    @Activate
    void activate(Config config) {
        settings = Settings.of(config);
        try {
            open();
        } catch (SensorException e) {
            log.error("GPIO {} cannot use its line: {}", settings.id(), e.getMessage());
        }
    }

    @Modified
    synchronized void modified(Config config) {
        Settings s;
        try {
            s = Settings.of(config);
        } catch (RuntimeException e) {
            log.error("Configuration of GPIO {} refused, keeping the last good one: {}", settings.id(), e.getMessage());
            return;
        }
        GpioLine l = line;
        boolean same = l != null && s.sameLine(settings);
        if (l != null && !same) {
            l.close();
            line = null;
        }
        settings = s;
        try {
            if (same) {
                l.settings(s);
            } else {
                open();
            }
        } catch (SensorException | RuntimeException e) {
            log.error("GPIO {} cannot use its line: {}", s.id(), e.getMessage());
        }
    }

    /** Opens the configured line if it is not open: at activation, after a change, and at reads until it opens. */
    private synchronized GpioLine open() throws SensorException {
        if (closed) {
            throw new SensorException(SensorException.Fault.UNAVAILABLE, "GPIO " + settings.id() + " is stopping");
        }
        if (line == null) {
            try {
                line = GpioLine.open(board, settings);
            } catch (RuntimeException | LinkageError e) {
                throw new SensorException(SensorException.Fault.UNAVAILABLE, "GPIO line " + settings.line()
                        + " cannot be opened (is the user in group gpio? Pi4J's gpiod provider serves the Raspberry Pi's "
                        + "pinctrl chip only): " + e.getMessage(), e);
            }
        }
        return line;
    }

    @Deactivate
    synchronized void deactivate() {
        closed = true;
        if (line != null) {
            line.close();
        }
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public List<Reading> read() throws SensorException {
        GpioLine l = line;
        return (l != null ? l : open()).read();
    }
}
