package dev.wren.store.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

import dev.wren.inference.Insight;
import dev.wren.inference.InsightSink;
import dev.wren.store.Message;
import dev.wren.store.Outbox;

/**
 * Puts the pipeline's insights into the outbox, at a priority by severity: a change of condition
 * always, an unchanged one at most once per interval per sensor (a heartbeat that says the
 * machine was watched). One instance per rule; {@code insights.filter} (copied into {@code insights.target},
 * which the pipeline reads) chooses the insights.
 */
@Component(configurationPid = InsightOutboxSink.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {InsightSink.class, ConfigurableComponent.class})
@Designate(ocd = InsightOutboxSink.Config.class, factory = true)
public class InsightOutboxSink implements InsightSink, ConfigurableComponent {

    public static final String PID = "dev.wren.store.InsightSink";

    @ObjectClassDefinition(id = PID, name = "Wren insight outbox sink",
            description = "Sends the gateway's own conclusions (machine condition) to the cloud through the outbox.")
    public @interface Config {

        @AttributeDefinition(name = "Insights", required = false,
                description = "LDAP filter over sensor, label and severity, e.g. (severity>=2); empty = all."
                        + " Becomes insights.target (the id before; still accepted).")
        String insights_filter() default "";

        @AttributeDefinition(name = "Priority of critical insights", min = "0", max = "9",
                description = "Severity 3 (such as a bearing fault).")
        int priority_critical() default Message.ALERT;

        @AttributeDefinition(name = "Priority of warnings", min = "0", max = "9",
                description = "Severity 1 and 2 (such as imbalance).")
        int priority_warning() default Message.EVENT;

        @AttributeDefinition(name = "Priority of normal insights", min = "0", max = "9", description = "Severity 0.")
        int priority_normal() default Message.TELEMETRY;

        @AttributeDefinition(name = "Interval (ms)", min = "0", max = "86400000",
                description = "Unchanged insights of a sensor are stored at most once per interval; changes always.")
        long interval_ms() default 60_000;

        @AttributeDefinition(name = "Channel", description = "Channel of each message, with {sensor}.")
        String channel() default "{sensor}/insight";
    }

    record Settings(int critical, int warning, int normal, long intervalMs, String channel) {

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c) {
            MessageRules.requireFilterOrEmpty(InsightSink.FILTER, c.insights_filter());
            MessageRules.requirePriority("priority.critical", c.priority_critical());
            MessageRules.requirePriority("priority.warning", c.priority_warning());
            MessageRules.requirePriority("priority.normal", c.priority_normal());
            if (c.interval_ms() < 0 || c.interval_ms() > 86_400_000) {
                throw new IllegalArgumentException("interval.ms: must be between 0 and 86400000, was " + c.interval_ms());
            }
            String ch = MessageRules.requireChannelTemplate(c.channel());
            return new Settings(c.priority_critical(), c.priority_warning(), c.priority_normal(), c.interval_ms(), ch);
        }

        int priority(int severity) {
            return severity >= 3 ? critical : severity >= 1 ? warning : normal;
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
            log.error("Configuration of insight outbox sink refused, keeping the last good one: {}", e.getMessage());
        }
    }

    @Override
    public void accept(Insight insight) {
        Settings s = settings;
        Long last = lastStored.get(insight.sensor());
        if (!insight.changed() && last != null && insight.timestamp() - last < s.intervalMs()) {
            return;
        }
        lastStored.put(insight.sensor(), insight.timestamp());
        puts.put(outbox, log, "an insight", new Message(s.channel().replace("{sensor}", insight.sensor()),
                json(insight), s.priority(insight.severity())));
    }

    /** {"sensor","label","score","severity","model","version","changed","timestamp","t_capture_us",...}; a peer's adds "t_network_us" and "served_by". */
    static byte[] json(Insight i) {
        StringBuilder b = new StringBuilder(256).append('{');
        Json.field(b, "sensor", i.sensor()).append(',');
        Json.field(b, "label", i.label()).append(',');
        Json.field(b, "score", Math.round(i.score() * 1000) / 1000.0).append(',');
        Json.field(b, "severity", i.severity()).append(',');
        Json.field(b, "model", i.model()).append(',');
        Json.field(b, "version", i.modelVersion()).append(',');
        Json.string(b, "changed").append(':').append(i.changed()).append(',');
        Json.field(b, "timestamp", i.timestamp()).append(',');
        Json.field(b, "t_capture_us", i.captureNanos() / 1000).append(',');
        Json.field(b, "t_pre_us", i.preNanos() / 1000).append(',');
        Json.field(b, "t_infer_us", i.inferNanos() / 1000).append(',');
        Json.field(b, "t_post_us", i.postNanos() / 1000);
        if (i.servedBy() != null) {
            b.append(',');
            Json.field(b, "t_network_us", i.networkNanos() / 1000).append(',');
            Json.field(b, "served_by", i.servedBy());
        }
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
