package dev.wren.store.internal;

import java.nio.charset.StandardCharsets;
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
import dev.wren.store.Message;
import dev.wren.store.Outbox;

/**
 * Puts readings of the chosen sensors into the outbox: one instance per source rule (which
 * sensors, which priority, how often). Readings of a sensor's quality (it faulted or recovered)
 * go at the alert priority and are never thinned out.
 *
 * <p>Each put waits for the disk on the sampler's thread; puts from the sampler's threads share
 * commits. A put the outbox refuses is logged (the first at WARN, repeats counted) and dropped;
 * sampling goes on.
 */
@Component(configurationPid = OutboxSink.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {ReadingSink.class, ConfigurableComponent.class}, property = ReadingSink.SENSORS_TARGET + "=(sensor.id=*)")
@Designate(ocd = OutboxSink.Config.class, factory = true)
public class OutboxSink implements ReadingSink, ConfigurableComponent {

    public static final String PID = "dev.wren.store.OutboxSink";

    @ObjectClassDefinition(id = PID, name = "Wren outbox sink",
            description = "Sends readings of the chosen sensors to the cloud through the outbox.")
    public @interface Config {

        @AttributeDefinition(name = "Sensors",
                description = "LDAP filter over the sensors' service properties, e.g. (sensor.kind=bme280)."
                        + " Becomes sensors.target (the id before; still accepted).")
        String sensors_filter() default "(sensor.id=*)";

        @AttributeDefinition(name = "Priority", min = "0", max = "9",
                description = "0 most urgent ... 9 least; telemetry is 5.")
        int priority() default Message.TELEMETRY;

        @AttributeDefinition(name = "Alert priority", min = "0", max = "9",
                description = "Priority of a sensor's quality changes (faulted, recovered).")
        int alert_priority() default Message.ALERT;

        @AttributeDefinition(name = "Time to live (s)", min = "0", max = "31536000",
                description = "Readings older than this are not sent; 0 = kept until sent or evicted.")
        long ttl_s() default 0;

        @AttributeDefinition(name = "Interval (ms)", min = "0", max = "86400000",
                description = "Shortest time between two stored reads of one sensor (sampling down); 0 = every read.")
        long interval_ms() default 0;

        @AttributeDefinition(name = "Channel",
                description = "Channel of each message, with {sensor} and optionally {quantity}: with {quantity},"
                        + " one message per reading; without, one message per read of a sensor.")
        String channel() default "{sensor}/{quantity}";
    }

    /** A validated configuration. */
    record Settings(int priority, int alertPriority, long ttlMillis, long intervalMs, String channel,
            boolean perReading) {

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c) {
            try {
                FrameworkUtil.createFilter(c.sensors_filter());
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(SENSORS_FILTER + ": must be an LDAP filter such as "
                        + "(sensor.kind=bme280), was '" + c.sensors_filter() + "' (" + e.getMessage() + ")");
            }
            MessageRules.requirePriority("priority", c.priority());
            MessageRules.requirePriority("alert.priority", c.alert_priority());
            if (c.ttl_s() < 0) {
                throw new IllegalArgumentException("ttl.s: must be 0 or positive, was " + c.ttl_s());
            }
            if (c.interval_ms() < 0 || c.interval_ms() > 86_400_000) {
                throw new IllegalArgumentException("interval.ms: must be between 0 and 86400000, was " + c.interval_ms());
            }
            String ch = MessageRules.requireChannelTemplate(c.channel());
            return new Settings(c.priority(), c.alert_priority(), c.ttl_s() * 1000, c.interval_ms(), ch,
                    ch.contains("{quantity}"));
        }
    }

    @Reference
    private Outbox outbox;

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private final Map<String, Long> lastStored = new ConcurrentHashMap<>();
    private final SinkPuts puts = new SinkPuts();
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
            log.error("Configuration of outbox sink refused, keeping the last good one: {}", e.getMessage());
        }
    }

    @Override
    public void accept(List<Reading> readings) {
        Settings s = settings;
        Reading first = readings.get(0);
        if (first.quantity().equals(Reading.QUALITY)) {
            put(s, s.alertPriority(), channel(s, first), json(readings, 0, readings.size()));
            return;
        }
        if (s.intervalMs() > 0) {
            Long last = lastStored.get(first.sensor());
            if (last != null && first.timestamp() - last < s.intervalMs()) {
                return;
            }
            lastStored.put(first.sensor(), first.timestamp());
        }
        if (s.perReading()) {
            for (int i = 0; i < readings.size(); i++) {
                put(s, s.priority(), channel(s, readings.get(i)), json(readings, i, i + 1));
            }
        } else {
            put(s, s.priority(), channel(s, first), json(readings, 0, readings.size()));
        }
    }

    private static String channel(Settings s, Reading r) {
        String c = s.channel().replace("{sensor}", r.sensor());
        return s.perReading() ? c.replace("{quantity}", r.quantity()) : c;
    }

    /** One reading: {"sensor":..,"quantity":..,"value":..,"unit":..,"timestamp":..}; several: "values" and "units". */
    static byte[] json(List<Reading> readings, int from, int to) {
        Reading first = readings.get(from);
        StringBuilder b = new StringBuilder(96 + 48 * (to - from)).append('{');
        Json.field(b, "sensor", first.sensor()).append(',');
        if (to - from == 1) {
            Json.field(b, "quantity", first.quantity()).append(',');
            Json.field(b, "value", first.value()).append(',');
            Json.field(b, "unit", first.unit()).append(',');
        } else {
            b.append("\"values\":{");
            for (int i = from; i < to; i++) {
                Json.field(b.append(i > from ? "," : ""), readings.get(i).quantity(), readings.get(i).value());
            }
            b.append("},\"units\":{");
            for (int i = from; i < to; i++) {
                Json.field(b.append(i > from ? "," : ""), readings.get(i).quantity(), readings.get(i).unit());
            }
            b.append("},");
        }
        Json.field(b, "timestamp", first.timestamp());
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void put(Settings s, int priority, String channel, byte[] payload) {
        puts.put(outbox, log, "a reading", new Message(channel, payload, priority, s.ttlMillis()));
    }
}
