package dev.wren.uplink.internal;

import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.wren.store.Outbox;

/**
 * Drains the outbox through the gateway's one Kura cloud connection: a {@link CloudPublisher}
 * chosen in Kura's web UI (the attribute {@value #TARGET}, shown by Kura as a picker because this
 * component, named like its PID, has a reference named {@value #REFERENCE}). Delivery is at least
 * once ({@link CloudDrain}).
 *
 * <p>Only while {@code enabled}: then Wren's own MQTT uplink stands aside ({@link Drainers}), so
 * one drainer takes from the outbox at a time. Kura seeds a configuration for this PID, so the
 * component is active (and listed in Kura's UI, registered as {@link ConfigurableComponent} with
 * {@code service.pid} and {@code kura.service.pid}) but idle until enabled; in the standalone
 * runtime it has no configuration and stays inactive.
 */
@Component(
        name = CloudUplink.PID,
        configurationPid = CloudUplink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true,
        service = ConfigurableComponent.class,
        property = "kura.service.pid=" + CloudUplink.PID)
@Designate(ocd = CloudUplink.Config.class)
public class CloudUplink implements ConfigurableComponent {

    public static final String PID = "dev.wren.uplink.CloudUplink";
    static final String REFERENCE = "CloudPublisher";
    static final String TARGET = "CloudPublisher.target";

    @ObjectClassDefinition(id = PID, name = "Wren uplink through Kura's cloud connection",
            description = "Sends the outbox through a Kura CloudPublisher (at least once: a message leaves the outbox "
                    + "when Kura confirms its delivery). While enabled, Wren's own MQTT uplink (dev.wren.uplink.Uplink) "
                    + "stands aside.")
    public @interface Config {

        @AttributeDefinition(name = "Enabled",
                description = "Drain the outbox through the CloudPublisher below instead of Wren's own MQTT uplink.")
        boolean enabled() default false;

        @AttributeDefinition(name = "CloudPublisher target filter",
                description = "The CloudPublisher to send through (pick one; its QoS must be 1 so that Kura confirms "
                        + "delivery). The default matches none.")
        String CloudPublisher_target() default "(kura.service.pid=changeme)";

        @AttributeDefinition(name = "In-flight window", min = "1", max = "10000",
                description = "Messages handed to the CloudPublisher and not yet confirmed, at most (Kura's data "
                        + "service keeps them in its own store until sent).")
        int inflight_window() default 20;

        @AttributeDefinition(name = "Confirmation timeout (s)", min = "1", max = "86400",
                description = "A message not confirmed within this many seconds goes back to the outbox and is sent "
                        + "again. Keep it above the window divided by Kura's publish rate limit.")
        int confirm_timeout_s() default 120;

        @AttributeDefinition(name = "Retry delay (ms)", min = "10", max = "3600000",
                description = "Pause after the CloudPublisher refused a message; the message stays in the outbox.")
        long retry_delay_ms() default 5_000;
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private Outbox outbox;

    private final Object lock = new Object();
    private CloudPublisher publisher;
    private CloudSettings settings;
    private CloudDrain drain;
    private String lastTrouble;

    @Activate
    void activate(Config config) {
        try {
            settings = CloudSettings.of(config);
        } catch (IllegalArgumentException e) {
            log.error("Configuration {} refused, the cloud uplink stays idle: {}", PID, e.getMessage());
            return;
        }
        restart();
    }

    @Modified
    void modified(Config config) {
        CloudSettings next;
        try {
            next = CloudSettings.of(config);
        } catch (IllegalArgumentException e) {
            log.error("Configuration {} refused, keeping the last good one: {}", PID, e.getMessage());
            return;
        }
        synchronized (lock) {
            if (next.equals(settings)) {
                return;
            }
            settings = next;
        }
        restart();
    }

    @Deactivate
    void deactivate() {
        synchronized (lock) {
            settings = null;
        }
        restart();
    }

    @Reference(name = REFERENCE, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindPublisher")
    void bindPublisher(CloudPublisher p) {
        synchronized (lock) {
            publisher = p;
        }
        restart();
    }

    void unbindPublisher(CloudPublisher p) {
        synchronized (lock) {
            if (publisher != p) {
                return;
            }
            publisher = null;
        }
        restart();
    }

    /** Stops the running drain, if any, and starts one when enabled with a publisher. */
    private void restart() {
        synchronized (lock) {
            CloudDrain old = drain;
            drain = null;
            if (old != null) {
                old.close();
                log.info("Cloud uplink stopped: {}", old.counts());
            }
            boolean enabled = settings != null && settings.enabled();
            Drainers.cloudEnabled(enabled);
            if (!enabled) {
                return;
            }
            if (publisher == null) {
                log.warn("Cloud uplink {} enabled but no CloudPublisher matches {}: messages stay in the outbox "
                        + "(Wren's MQTT uplink stands aside)", PID, TARGET);
                return;
            }
            lastTrouble = null;
            log.info("Cloud uplink draining the outbox through the CloudPublisher ({})", settings);
            drain = new CloudDrain(publisher, outbox, settings, new CloudDrain.Listener() {
                @Override
                public void trouble(String what) {
                    if (!what.equals(lastTrouble)) {
                        lastTrouble = what;
                        log.warn("Cloud uplink: {}", what);
                    } else {
                        log.debug("Cloud uplink: still {}", what);
                    }
                }

                @Override
                public void fine(String what) {
                    lastTrouble = null;
                    log.info("Cloud uplink: {}", what);
                }
            }).start();
        }
    }
}
