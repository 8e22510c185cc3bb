package dev.wren.store.internal;

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
import dev.wren.inference.SuspectWindowSink;
import dev.wren.power.PowerState;
import dev.wren.sensor.Window;
import dev.wren.store.Message;
import dev.wren.store.Outbox;

/**
 * Queues the raw windows the pipeline's trigger fired on (FULL power mode only, see
 * {@link SuspectWindowSink}) for deeper analysis upstream: bulk priority by default, so they go
 * after every reading and insight and are evicted first; split into parts of {@code part.frames}
 * frames so each message stays under the outbox's payload limit (see {@link WindowPayload}).
 *
 * <p>It belongs to FULL power mode: its {@code power} reference (target {@code (power.mode=FULL)}, configured
 * as {@code power.filter}, which the configuration guard copies into {@code power.target})
 * lets Declarative Services start it when the gateway enters FULL and stop it when it leaves, so
 * it needs the power manager.
 */
@Component(configurationPid = WindowOutboxSink.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {SuspectWindowSink.class, ConfigurableComponent.class})
@Designate(ocd = WindowOutboxSink.Config.class, factory = true)
public class WindowOutboxSink implements SuspectWindowSink, ConfigurableComponent {

    public static final String PID = "dev.wren.store.WindowSink";

    @ObjectClassDefinition(id = PID, name = "Wren raw window outbox sink",
            description = "Sends the raw vibration windows the trigger model found unusual to the cloud for deeper analysis.")
    public @interface Config {

        @AttributeDefinition(name = "Windows", required = false,
                description = "LDAP filter over sensor, label and severity, e.g. (severity>=1); empty = all."
                        + " Becomes windows.target (the id before; still accepted).")
        String windows_filter() default "";

        @AttributeDefinition(name = "Priority", min = "0", max = "9",
                description = "0 most urgent to 9; 7 (bulk) sends them after readings and insights and evicts them first.")
        int priority() default Message.BULK;

        @AttributeDefinition(name = "Time to live (s)", min = "0", max = "31536000",
                description = "How long a raw window is worth sending; 0 = until sent or evicted.")
        long ttl_s() default 0;

        @AttributeDefinition(name = "Frames per message", min = "64", max = "4096",
                description = "A window is split into messages of at most this many frames "
                        + "(1024 frames of 3 axes: about 8.6 kB of JSON).")
        int part_frames() default 1024;

        @AttributeDefinition(name = "Channel", description = "Channel of each message, with {sensor}.")
        String channel() default "{sensor}/window";

        @AttributeDefinition(name = "Power modes",
                description = "LDAP filter over the power state: the sink runs only while it matches."
                        + " Becomes the target of its power reference, power.target (the id before; still accepted).")
        String power_filter() default "(power.mode=FULL)";
    }

    record Settings(int priority, long ttlMillis, int partFrames, String channel) {

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c) {
            MessageRules.requireFilterOrEmpty(SuspectWindowSink.FILTER, c.windows_filter());
            MessageRules.requirePriority("priority", c.priority());
            if (c.ttl_s() < 0 || c.ttl_s() > 365L * 86_400) {
                throw new IllegalArgumentException("ttl.s: must be 0 to 31536000, was " + c.ttl_s());
            }
            if (c.part_frames() < 64 || c.part_frames() > 4096) {
                throw new IllegalArgumentException("part.frames: must be 64 to 4096, was " + c.part_frames());
            }
            return new Settings(c.priority(), c.ttl_s() * 1000, c.part_frames(),
                    MessageRules.requireChannelTemplate(c.channel()));
        }
    }

    @Reference
    private Outbox outbox;

    @Reference(name = "power", target = "(power.mode=FULL)")
    private PowerState power;

    @Reference(service = LoggerFactory.class)
    private Logger log;

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
            log.error("Configuration of raw window outbox sink refused, keeping the last good one: {}", e.getMessage());
        }
    }

    @Override
    public void accept(Insight insight, Window window) {
        Settings s = settings;
        String channel = s.channel().replace("{sensor}", window.sensor());
        for (byte[] part : WindowPayload.parts(insight, window, s.partFrames())) {
            puts.put(outbox, log, "a raw window", new Message(channel, part, s.priority(), s.ttlMillis()));
        }
    }
}
