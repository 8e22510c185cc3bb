package dev.wren.uplink.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.Descriptor;
import org.eclipse.kura.configuration.ConfigurableComponent;
import org.eclipse.kura.crypto.CryptoService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.wren.power.PowerMode;
import dev.wren.power.PowerState;
import dev.wren.store.Outbox;
import dev.wren.store.OutboxStats;
import dev.wren.store.Stored;
import dev.wren.uplink.RequestHandler;
import dev.wren.uplink.Uplink;
import dev.wren.uplink.Uplink.State;

/**
 * Drains the {@link Outbox} to the configured broker with an {@link Engine} and registers the
 * {@link Uplink} service, whose {@value Uplink#STATE} and {@value Uplink#CONNECTED} properties
 * change in place with the state. Each change is posted on {@value Uplink#TOPIC_STATE} and logged
 * once: a failure at WARN, the same failure again at DEBUG with a count, recovery at INFO.
 * <p>
 * It registers itself as {@link ConfigurableComponent} (and shell command) by hand, with its
 * configuration minus the password: Declarative Services would publish the password as a
 * service property that any bundle and the web console can read.
 * <p>
 * Inside Kura the password arrives encrypted and is decrypted with Kura's {@link CryptoService}
 * ({@link Passwords}); a value it cannot decrypt refuses the configuration like any other bad value.
 * Only one drainer takes from the outbox: while the Kura cloud connection ({@link CloudUplink}) is
 * enabled this one stands aside ({@link Drainers}).
 */
@Component(
        configurationPid = MqttUplink.PID,
        immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = MqttUplink.Config.class)
public class MqttUplink implements ConfigurableComponent {

    public static final String PID = "dev.wren.uplink.Uplink";

    @ObjectClassDefinition(id = PID, name = "Wren uplink",
            description = "Sends the outbox to the cloud MQTT broker at QoS 1, most urgent first. Without a broker "
                    + "the messages stay in the outbox.")
    public @interface Config {

        @AttributeDefinition(name = "Broker URL", required = false,
                description = "tcp://host[:port] or ssl://host[:port] (default ports 1883 and 8883). Empty = disabled: "
                        + "nothing is sent and the outbox keeps everything.")
        String broker_url() default "";

        @AttributeDefinition(name = "Gateway id", required = false,
                description = "This gateway's name in topics: 1 to 64 of A-Z a-z 0-9 . _ -. Required with a broker.")
        String gateway_id() default "";

        @AttributeDefinition(name = "Client id", required = false,
                description = "MQTT client identifier; empty = the gateway id. At most 128 characters, no spaces.")
        String client_id() default "";

        @AttributeDefinition(name = "Topic prefix", description = "Replaces {prefix} in the topic template.")
        String topic_prefix() default "wren";

        @AttributeDefinition(name = "Topic template",
                description = "Topic of a message: {prefix}, {gateway} and {channel} (the message's channel, which may "
                        + "span levels) are replaced. Must contain {channel} once; no + or #.")
        String topic_template() default TopicTemplate.DEFAULT;

        @AttributeDefinition(name = "User name", required = false, description = "Empty = no authentication.")
        String username() default "";

        @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD,
                description = "Sent with the user name; never logged.")
        String password() default "";

        @AttributeDefinition(name = "CA certificates (PEM file)", required = false,
                description = "ssl:// only: the broker's certificate must chain to one of these. Empty = the JVM's trust store.")
        String tls_ca_file() default "";

        @AttributeDefinition(name = "Client certificate (PEM file)", required = false,
                description = "ssl:// only: this gateway's certificate (chain), for brokers that require one.")
        String tls_client_cert_file() default "";

        @AttributeDefinition(name = "Client key (PEM file)", required = false,
                description = "ssl:// only: the client certificate's private key, unencrypted PKCS#8 (BEGIN PRIVATE KEY).")
        String tls_client_key_file() default "";

        @AttributeDefinition(name = "Verify the broker's host name",
                description = "ssl:// only: the broker's certificate must name the host of the URL. Turn off only for tests.")
        boolean tls_verify_hostname() default true;

        @AttributeDefinition(name = "Keepalive (s)", min = "0", max = "65535",
                description = "Seconds between pings when idle; a broker silent for 1.5 times this is taken as lost. 0 = off.")
        int keepalive_s() default 60;

        @AttributeDefinition(name = "In-flight window", min = "1", max = "65535",
                description = "Messages sent and not yet acknowledged by the broker, at most.")
        int inflight_window() default 100;

        @AttributeDefinition(name = "Batch size", min = "1", max = "10000",
                description = "Messages taken from the outbox at once (at most the in-flight window).")
        int batch_size() default 100;

        @AttributeDefinition(name = "First retry delay (ms)", min = "10", max = "3600000",
                description = "Wait before reconnecting after the first failure; doubles with each failure in a row.")
        long backoff_initial_ms() default 1_000;

        @AttributeDefinition(name = "Longest retry delay (ms)", min = "10", max = "86400000",
                description = "Upper bound of the doubling wait; at least the first retry delay.")
        long backoff_max_ms() default 300_000;

        @AttributeDefinition(name = "Interval in DEGRADED (s)", min = "0", max = "86400",
                description = "In DEGRADED power mode connect this often, drain the outbox, disconnect; 0 = stay connected.")
        long degraded_interval_s() default 300;

        @AttributeDefinition(name = "Interval in MINIMAL (s)", min = "0", max = "86400",
                description = "The same in MINIMAL power mode; 0 = stay connected.")
        long minimal_interval_s() default 3_600;

        @AttributeDefinition(name = "Jitter", min = "0", max = "1",
                description = "Each wait is shortened by a random part of up to this fraction of itself, 0 to 1.")
        double jitter() default 0.3;
    }

    private static final String CLOUD_DRAINS = "standing aside: the outbox is drained through Kura's cloud connection ("
            + CloudUplink.PID + " is enabled); disable it to use this broker";
    private static final String NO_BROKER = "no broker configured (broker.url is empty): messages stay in the outbox";

    private final Counters counters = new Counters();
    private final Requests requests = new Requests(i -> this.log.info("Uplink: {}", i),
            w -> this.log.warn("Uplink: {}", w));
    private final Object lock = new Object();
    /** Held while a configuration is chosen and applied, so that concurrent applies cannot interleave. */
    private final Object applying = new Object();

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private Outbox outbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    private UplinkState state;
    private ServiceRegistration<Uplink> registration;
    private ServiceRegistration<ConfigurableComponent> configurable;
    private Settings settings;
    private Engine engine;
    private Relay relay;
    private final Duty duty = new Duty();
    private volatile Duty.Intervals intervals = Duty.Intervals.DEFAULTS;
    private volatile PowerMode mode = PowerMode.FULL;
    private volatile PowerState power;
    private boolean publishedIdle;
    private ScheduledExecutorService dutyTimer;
    private volatile CryptoService crypto;
    private Config lastConfig;
    private final Runnable drainersChanged = () -> reapply("the Kura cloud connection was switched");

    @Activate
    void activate(BundleContext context, Config config, Map<String, Object> properties) {
        Settings first = null;
        String refusal = null;
        try {
            lastConfig = config;
            first = settings(config);
            intervals = Duty.Intervals.of(config.degraded_interval_s(), config.minimal_interval_s());
        } catch (IllegalArgumentException e) {
            first = null;
            refusal = "configuration refused: " + e.getMessage();
            log.error("Configuration {} refused, the uplink stays disabled: {}", PID, e.getMessage());
        }
        Status initial = new Status(State.DISABLED, refusal != null ? refusal : NO_BROKER, Instant.now(), 0);
        synchronized (lock) {
            state = new UplinkState(initial);
            registration = context.registerService(Uplink.class, state, properties(State.DISABLED, false));
            configurable = context.registerService(ConfigurableComponent.class, this, published(properties));
        }
        dutyTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wren-uplink-duty");
            t.setDaemon(true);
            return t;
        });
        dutyTimer.scheduleWithFixedDelay(this::dutyTick, 1, 1, TimeUnit.SECONDS);
        Drainers.watch(drainersChanged);
        if (first != null) {
            apply(first);
        }
    }

    /** The power mode: lean modes connect in windows ({@link Duty}); FULL without a power manager. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedPower", unbind = "unbindPower")
    void bindPower(PowerState p) {
        power = p;
        mode = p.mode();
    }

    void updatedPower(PowerState p) {
        mode = p.mode();
    }

    void unbindPower(PowerState p) {
        if (power == p) {
            power = null;
            mode = PowerMode.FULL;
        }
    }

    /** The request handlers: each connected session subscribes to their topics. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + RequestHandler.APP + "=*)", unbind = "removeHandler")
    void addHandler(RequestHandler h, Map<String, Object> properties) {
        requests.add(properties.get(RequestHandler.APP), h);
    }

    void removeHandler(RequestHandler h) {
        requests.remove(h);
    }

    /** Kura's CryptoService, when there is one: password attributes arrive encrypted by it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCrypto")
    void bindCrypto(CryptoService c) {
        crypto = c;
        reapply("a CryptoService arrived");
    }

    void unbindCrypto(CryptoService c) {
        if (crypto == c) {
            crypto = null;
            reapply("the CryptoService left");
        }
    }

    /** The settings of {@code config}, its password decrypted when a CryptoService is present. */
    private Settings settings(Config config) {
        return Settings.of(config, Passwords.clear(crypto, PID, "password", config.password()));
    }

    /** Applies the last configuration again, on the duty timer's thread (after a change it depends on). */
    private void reapply(String why) {
        ScheduledExecutorService timer = dutyTimer;
        if (timer == null) {
            return;
        }
        try {
            timer.execute(() -> {
                synchronized (applying) {
                    reapplyNow(why);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    private void reapplyNow(String why) {
        Config c;
        synchronized (lock) {
            c = lastConfig;
        }
        if (c == null) {
            return;
        }
        Settings next;
        try {
            next = settings(c);
        } catch (IllegalArgumentException e) {
            log.error("Configuration {} refused after {}, keeping the last good one: {}", PID, why, e.getMessage());
            return;
        }
        apply(next);
    }

    /** Once a second: ends a connection window in a lean mode, or the gap after it. */
    private void dutyTick() {
        Duty.Action action;
        Engine old = null;
        Settings current;
        synchronized (lock) {
            current = settings;
            if (current == null || !current.enabled()) {
                return;
            }
            boolean connected = engine != null && state.status().state() == State.CONNECTED;
            boolean lean = intervals.seconds(mode) > 0;
            long waiting = connected && lean ? outbox.stats().stored() : 1;
            action = duty.tick(mode, intervals, connected, waiting, System.currentTimeMillis());
            if (action == Duty.Action.SLEEP) {
                old = engine;
                engine = null;
                relay = null;
            }
        }
        if (action == Duty.Action.SLEEP) {
            old.close();
            Drainers.mqttStopped();
            synchronized (lock) {
                changed(new Status(State.DISCONNECTED, "idle to save power in " + mode + " mode, next connection at "
                        + Instant.ofEpochMilli(duty.idleUntil()).truncatedTo(ChronoUnit.SECONDS), Instant.now(), 0));
            }
        } else if (action == Duty.Action.WAKE) {
            apply(current);
        }
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        synchronized (lock) {
            configurable.setProperties(published(properties));
        }
        synchronized (applying) {
            Settings next;
            synchronized (lock) {
                lastConfig = config;
            }
            try {
                next = settings(config);
                intervals = Duty.Intervals.of(config.degraded_interval_s(), config.minimal_interval_s());
            } catch (IllegalArgumentException e) {
                log.error("Configuration {} refused, keeping the last good one: {}", PID, e.getMessage());
                return;
            }
            synchronized (lock) {
                if (next.equals(settings)) {
                    return;
                }
            }
            apply(next);
        }
    }

    /**
     * Stops (bundle or framework stopping, the outbox leaving, the configuration deleted): a
     * connected uplink publishes the offline state, lets in-flight acknowledgements land and hands
     * them to the outbox, disconnects cleanly (the broker drops the last will), all within a few
     * seconds, and logs how it went.
     */
    @Deactivate
    void deactivate() {
        long t0 = System.nanoTime();
        Drainers.unwatch(drainersChanged);
        dutyTimer.shutdownNow();
        Engine old;
        synchronized (applying) {
            synchronized (lock) {
                old = engine;
                engine = null;
                relay = null;
                lastConfig = null;
            }
        }
        if (old != null) {
            old.close();
        }
        requests.close();
        if (old != null) {
            Drainers.mqttStopped();
            Session.Closed c = old.closed();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            if (c == null) {
                log.info("Uplink stopped in {} ms (was not connected)", ms);
            } else {
                log.info("Uplink stopped in {} ms: {}; {} acknowledgements landed while stopping, {} messages given back "
                        + "to the outbox", ms, c.offline() ? "offline state published" : "offline state NOT acknowledged "
                        + "(the broker may publish the last will)", c.landed(), c.released());
            }
        }
        for (ServiceRegistration<?> r : List.of(configurable, registration)) {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // the framework unregistered it already (bundle stopping)
            }
        }
    }

    /** The configuration as service properties, without the password, with the shell command. */
    private static Dictionary<String, Object> published(Map<String, Object> configuration) {
        Dictionary<String, Object> p = new Hashtable<>();
        configuration.forEach((key, value) -> {
            if (!key.equals("password") && !key.startsWith("component.") && !key.equals("objectClass")
                    && !key.equals("service.id") && !key.equals("service.bundleid") && !key.equals("service.scope")) {
                p.put(key, value);
            }
        });
        p.put("osgi.command.scope", "wren");
        p.put("osgi.command.function", "uplink");
        return p;
    }

    /** Stops the running engine, if any, and starts one with {@code next}. */
    private void apply(Settings next) {
        synchronized (applying) {
            applyNow(next);
        }
    }

    private void applyNow(Settings next) {
        Engine old;
        synchronized (lock) {
            old = engine;
            engine = null;
            relay = null;
            settings = next;
            duty.reset();
        }
        if (old != null) {
            old.close();
        }
        Drainers.mqttStopped();
        if (next.enabled() && !Drainers.tryMqtt()) {
            synchronized (lock) {
                changed(new Status(State.DISABLED, CLOUD_DRAINS, Instant.now(), 0));
            }
            return;
        }
        if (!next.enabled()) {
            synchronized (lock) {
                changed(new Status(State.DISABLED, NO_BROKER, Instant.now(), 0));
            }
            return;
        }
        log.info("Uplink configured: {}", next);
        Relay r = new Relay();
        Engine e = new Engine(next, outbox, counters, r, requests);
        synchronized (lock) {
            relay = r;
            engine = e;
        }
        e.start();
    }

    /** Caller holds {@link #lock}. */
    private void changed(Status next) {
        Status previous = state.status();
        boolean newState = previous.state() != next.state();
        boolean newReason = newState || !previous.reason().equals(next.reason());
        state.status(next);
        boolean idle = duty.idleUntil() > 0;
        if (newState || idle != publishedIdle || !java.util.Objects.equals(registration.getReference()
                .getProperty(Uplink.GATEWAY), settings == null || settings.gatewayId().isEmpty() ? null : settings.gatewayId())) {
            registration.setProperties(properties(next.state(), idle));
            publishedIdle = idle;
        }
        if (newReason) {
            post(next);
        }
        String broker = settings != null && settings.enabled() ? settings.brokerUrl() : "";
        switch (next.state()) {
            case CONNECTED -> {
                if (previous.state() == State.DISCONNECTED) {
                    log.info("Uplink connected to {} after {} s disconnected (last: {})", broker,
                            Duration.between(previous.since(), next.since()).toSeconds(), previous.reason());
                } else {
                    log.info("Uplink connected to {}", broker);
                }
            }
            case DISCONNECTED -> {
                if (newReason) {
                    log.warn("Uplink to {}: {}; retrying", broker, next.reason());
                } else {
                    log.debug("Uplink to {}: still {} ({} failed attempts in a row)", broker, next.reason(),
                            next.failures());
                }
            }
            case CONNECTING -> log.info("Uplink {}", next.reason());
            case DISABLED -> {
                if (newReason) {
                    log.info("Uplink disabled: {}", next.reason());
                }
            }
        }
    }

    private void post(Status s) {
        EventAdmin ea = eventAdmin;
        if (ea != null) {
            ea.postEvent(new Event(Uplink.TOPIC_STATE, Map.of(Uplink.EVENT_STATE, s.state().name(),
                    Uplink.EVENT_REASON, s.reason())));
        }
    }

    /** Caller holds {@link #lock} (or registers the service first). */
    private Dictionary<String, Object> properties(State s, boolean idle) {
        Dictionary<String, Object> p = new Hashtable<>(4);
        if (settings != null && !settings.gatewayId().isEmpty()) {
            p.put(Uplink.GATEWAY, settings.gatewayId());
        }
        p.put(Uplink.STATE, s.name());
        p.put(Uplink.CONNECTED, s == State.CONNECTED);
        p.put(Uplink.IDLE, idle);
        return p;
    }

    /** Passes one engine's reports on while that engine is the current one. */
    private final class Relay implements Engine.Listener {

        @Override
        public void status(Status status) {
            synchronized (lock) {
                if (relay == this) {
                    changed(status);
                }
            }
        }

        @Override
        public void dropped(Stored message, String why) {
            log.error("Uplink dropped message {} from the outbox: {}", message.id(), why);
        }
    }

    /** Shell command {@code wren:uplink}: state, broker, counters and the outbox. */
    @Descriptor("the uplink's state with its reason, the broker and topics, in-flight window, message counters and"
            + " the outbox (sizes in kB/MB, exact bytes beside)")
    public String uplink() {
        Status s;
        Settings current;
        Engine e;
        synchronized (lock) {
            s = state.status();
            current = settings;
            e = engine;
        }
        StringBuilder out = new StringBuilder();
        line(out, "state", s.state() + " since " + s.since().truncatedTo(ChronoUnit.SECONDS) + " ("
                + Duration.between(s.since(), Instant.now()).toSeconds() + " s)");
        line(out, "reason", s.reason() + (s.failures() > 1 ? " (" + s.failures() + " attempts in a row)" : ""));
        if (current != null && current.enabled()) {
            line(out, "broker", current.describe());
            line(out, "topics", current.topics() + ", state on " + current.topics().state());
            line(out, "in flight", (e != null ? e.inFlight() : 0) + " of " + current.window());
        }
        line(out, "messages", "sent " + counters.sent() + ", acknowledged " + counters.acked() + ", given back "
                + counters.released() + ", dropped " + counters.dropped());
        try {
            line(out, "outbox", outbox(outbox.stats()));
        } catch (RuntimeException ex) {
            line(out, "outbox", "unavailable: " + ex);
        }
        return out.toString();
    }

    /** Shell command {@code wren:uplink} with arguments: the usage. */
    @Descriptor("any arguments: prints the usage")
    public String uplink(@Descriptor("none taken") String... words) {
        return words.length == 0 ? uplink() : "usage: uplink (takes no arguments)";
    }

    static String outbox(OutboxStats o) {
        return "stored " + o.stored() + " (" + Bytes.human(o.storedBytes()) + ", " + o.storedBytes() + " bytes), in flight "
                + o.inFlight() + "; accepted " + o.accepted() + ", delivered " + o.delivered() + ", resent " + o.resent()
                + ", evicted " + o.evicted() + ", expired " + o.expired() + ", rejected " + o.rejected();
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format("%-10s %s%n", label, value));
    }
}
