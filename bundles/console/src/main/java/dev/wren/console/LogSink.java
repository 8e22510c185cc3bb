package dev.wren.console;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
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
import dev.wren.sensor.ReadingSink;

/**
 * Writes readings of the chosen sensors to the log, at most once per interval per sensor, so a
 * fast sensor cannot flood a small flash card.
 */
@Component(configurationPid = LogSink.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {ReadingSink.class, ConfigurableComponent.class}, property = ReadingSink.SENSORS_TARGET + "=(sensor.id=*)")
@Designate(ocd = LogSink.Config.class, factory = true)
public class LogSink implements ReadingSink, ConfigurableComponent {

    public static final String PID = "dev.wren.console.LogSink";

    @ObjectClassDefinition(id = PID, name = "Wren log sink",
            description = "Writes readings of the chosen sensors to the gateway log.")
    public @interface Config {

        @AttributeDefinition(name = "Sensors",
                description = "LDAP filter over the sensors' service properties, e.g. (sensor.kind=health)."
                        + " Becomes sensors.target (the id before; still accepted).")
        String sensors_filter() default "(sensor.id=*)";

        @AttributeDefinition(name = "Interval (ms)", min = "0", max = "86400000",
                description = "Shortest time between two log lines of one sensor, in milliseconds; 0 = every read.")
        long interval_ms() default 60_000;
    }

    /** A validated configuration. */
    record Settings(long intervalMs) {

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c) {
            try {
                FrameworkUtil.createFilter(c.sensors_filter());
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(SENSORS_FILTER + ": must be an LDAP filter such as "
                        + "(sensor.kind=health), was '" + c.sensors_filter() + "' (" + e.getMessage() + ")");
            }
            if (c.interval_ms() < 0 || c.interval_ms() > 86_400_000) {
                throw new IllegalArgumentException("interval.ms: must be between 0 and 86400000, was " + c.interval_ms());
            }
            return new Settings(c.interval_ms());
        }
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();
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
            log.error("Configuration of log sink refused, keeping the last good one: {}", e.getMessage());
        }
    }

    @Override
    public void accept(List<Reading> readings) {
        String sensor = readings.get(0).sensor();
        long now = System.currentTimeMillis();
        Long last = lastLogged.get(sensor);
        if (last != null && now - last < settings.intervalMs()) {
            return;
        }
        lastLogged.put(sensor, now);
        StringBuilder line = new StringBuilder(sensor).append(':');
        for (Reading r : readings) {
            line.append(' ').append(r.quantity()).append('=').append(Units.value(r)).append(r.unit());
        }
        log.info(line.toString());
    }
}
