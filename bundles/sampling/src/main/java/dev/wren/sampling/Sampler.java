package dev.wren.sampling;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.ServiceReference;
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
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.wren.power.PowerMode;
import dev.wren.power.PowerState;
import dev.wren.sensor.ReadingSink;
import dev.wren.sensor.SamplingPeriods;
import dev.wren.sensor.Sensor;

/**
 * Reads every {@link Sensor} on the period its power mode asks for and hands the readings to the
 * matching {@link ReadingSink}s. Sensors, sinks and the power state come and go at any time.
 *
 * <p>Sensors and sinks may be third parties' and misbehave; each is isolated and reported by name, and
 * the others keep their schedule: a read that blocks past {@code read.timeout.ms} ({@link Watchdog}), a
 * read that floods past {@code max.readings} or throws ({@link SensorTask}), a sink slower than
 * {@code sink.slow.ms} ({@link Fanout}).
 */
@Component(
        configurationPid = Sampler.PID,
        immediate = true,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = ConfigurableComponent.class,
        property = {"osgi.command.scope=wren", "osgi.command.function=sensors",
            "kura.service.pid=" + Sampler.PID})
@Designate(ocd = Sampler.Config.class)
public class Sampler implements ConfigurableComponent {

    public static final String PID = "dev.wren.sampling.Sampler";

    @ObjectClassDefinition(id = PID, name = "Wren Sampler",
            description = "Reads the sensors on a schedule set by the power mode and fans the readings out to sinks. "
                    + "The periods here are only for sensors that publish no sampling.period.*.ms of their own: every "
                    + "Wren sensor (the BME280, INA219, ADS1115, MPU-6050, MAX17048, GPIO, gateway health, battery and "
                    + "throttling drivers, the power manager's energy sensor) publishes its own, from its configuration "
                    + "or else its own default, so a sensor's periods are set in that sensor's configuration.")
    public @interface Config {

        @AttributeDefinition(name = "Period in FULL mode (ms)", min = "0", max = "86400000",
                description = "Default time between two reads of a sensor in FULL mode, in milliseconds; 0 = not sampled, "
                        + "otherwise 10 to 86400000. Only for sensors that publish no sampling.period.full.ms of their own; "
                        + "no Wren sensor is one: each reads on its own period, set in its configuration.")
        long sampling_period_full_ms() default 10_000;

        @AttributeDefinition(name = "Period in DEGRADED mode (ms)", min = "0", max = "86400000",
                description = "Default period in DEGRADED mode, in milliseconds; 0 = not sampled. Only for sensors that "
                        + "publish no sampling.period.degraded.ms of their own; no Wren sensor is one: each reads on its "
                        + "own period, set in its configuration.")
        long sampling_period_degraded_ms() default 60_000;

        @AttributeDefinition(name = "Period in MINIMAL mode (ms)", min = "0", max = "86400000",
                description = "Default period in MINIMAL mode, in milliseconds; 0 = not sampled. Only for sensors that "
                        + "publish no sampling.period.minimal.ms of their own; no Wren sensor is one: each reads on its "
                        + "own period, set in its configuration.")
        long sampling_period_minimal_ms() default 300_000;

        @AttributeDefinition(name = "Fault threshold", min = "1", max = "1000",
                description = "Failed reads in a row after which a sensor is marked faulted and retried with backoff.")
        int fault_threshold() default 3;

        @AttributeDefinition(name = "Longest retry period (ms)", min = "1000", max = "86400000",
                description = "Upper bound of the doubling retry period of a faulted sensor, in milliseconds.")
        long fault_backoff_max_ms() default 300_000;

        @AttributeDefinition(name = "Threads", min = "1", max = "8",
                description = "Threads reading sensors. One is enough unless a slow bus must not delay other sensors.")
        int threads() default 1;

        @AttributeDefinition(name = "Read timeout (ms)", min = "100", max = "600000",
                description = "A read still running after this many milliseconds is reported as blocked: the sensor is "
                        + "marked faulted and not read again until that read returns, and the other sensors get a spare "
                        + "thread (at most Threads spares in all). 100 to 600000.")
        long read_timeout_ms() default 5_000;

        @AttributeDefinition(name = "Most readings per read", min = "1", max = "100000",
                description = "Readings of one read passed on to the sinks; the rest are dropped and counted. 1 to 100000.")
        int max_readings() default 256;

        @AttributeDefinition(name = "Slow sink (ms)", min = "1", max = "60000",
                description = "A sink that takes longer than this many milliseconds over one delivery is called from "
                        + "then on from its own thread, through a queue of 64 batches; when it is full, batches for "
                        + "that sink are dropped and counted. 1 to 60000.")
        long sink_slow_ms() default 1_000;
    }

    /** Validated settings; replaced whole on a good reconfiguration, kept on a bad one. */
    record Settings(SamplingPeriods defaults, int faultThreshold, long backoffMaxMs, int threads, long readTimeoutMs,
                    int maxReadings, long sinkSlowMs) {

        /** @throws IllegalArgumentException naming the property and the rule it breaks */
        static Settings of(Config c) {
            SamplingPeriods defaults = new SamplingPeriods(
                    c.sampling_period_full_ms(), c.sampling_period_degraded_ms(), c.sampling_period_minimal_ms());
            range("fault.threshold", c.fault_threshold(), 1, 1000);
            range("fault.backoff.max.ms", c.fault_backoff_max_ms(), 1000, SamplingPeriods.MAX_MS);
            range("threads", c.threads(), 1, 8);
            range("read.timeout.ms", c.read_timeout_ms(), 100, 600_000);
            range("max.readings", c.max_readings(), 1, 100_000);
            range("sink.slow.ms", c.sink_slow_ms(), 1, 60_000);
            return new Settings(defaults, c.fault_threshold(), c.fault_backoff_max_ms(), c.threads(), c.read_timeout_ms(),
                    c.max_readings(), c.sink_slow_ms());
        }

        private static void range(String property, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(property + ": must be between " + min + " and " + max + ", was " + value);
            }
        }
    }

    private final Map<ServiceReference<Sensor>, SensorTask> tasks = new ConcurrentHashMap<>();
    private final Fanout fanout = new Fanout(tasks::keySet);
    private final AtomicInteger threadCount = new AtomicInteger();
    private final AtomicReference<PowerState> power = new AtomicReference<>();
    /** Guards the executor, settings and mode together, so tasks always start with the newest of each. */
    private final Object lock = new Object();

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    private ScheduledThreadPoolExecutor executor;
    private Watchdog watchdog;
    private Settings settings;
    private PowerMode mode = PowerMode.FULL;

    @Activate
    void activate(Config config) {
        synchronized (lock) {
            try {
                settings = Settings.of(config);
            } catch (RuntimeException e) {
                log.error("Configuration {} refused at start, running the defaults: {}", PID, e.getMessage());
                settings = Settings.of(defaults());
            }
            fanout.setLogger(log);
            fanout.slowAfter(settings.sinkSlowMs());
            executor = newExecutor(settings.threads());
            watchdog = new Watchdog(executor, tasks::values, settings);
            restartAll();
            log.info("Sampler active: mode {}, default periods {}", mode, settings.defaults());
        }
    }

    /** The Config with every attribute at its declared default. */
    static Config defaults() {
        return (Config) java.lang.reflect.Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> method.getDefaultValue() != null ? method.getDefaultValue()
                        : method.getName().equals("annotationType") ? Config.class : null);
    }

    @Modified
    void modified(Config config) {
        Settings next;
        try {
            next = Settings.of(config);
        } catch (RuntimeException e) {
            log.error("Configuration {} refused, keeping the last good one: {}", PID, e.getMessage());
            return;
        }
        synchronized (lock) {
            watchdog.settings(next);
            fanout.slowAfter(next.sinkSlowMs());
            settings = next;
            restartAll();
        }
        log.info("Sampler reconfigured: default periods {}, threads {}", next.defaults(), next.threads());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        ScheduledThreadPoolExecutor ex;
        synchronized (lock) {
            tasks.values().forEach(SensorTask::stop);
            ex = executor;
            executor = null;
            watchdog.close();
        }
        fanout.close();
        ex.shutdownNow();
        ex.awaitTermination(2, TimeUnit.SECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSensor(Sensor sensor, ServiceReference<Sensor> ref, Map<String, Object> props) {
        SensorTask task = new SensorTask(sensor, ref, props, fanout, this::post);
        synchronized (lock) {
            tasks.put(ref, task);
            start(task);
        }
    }

    void updatedSensor(ServiceReference<Sensor> ref, Map<String, Object> props) {
        synchronized (lock) {
            SensorTask task = tasks.get(ref);
            if (task != null) {
                task.properties(props);
                start(task);
            }
        }
    }

    void removeSensor(ServiceReference<Sensor> ref) {
        SensorTask task = tasks.remove(ref);
        if (task != null) {
            task.stop();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSink(ReadingSink sink, ServiceReference<ReadingSink> ref) {
        fanout.add(sink, ref);
    }

    void updatedSink(ServiceReference<ReadingSink> ref) {
        fanout.update(ref);
    }

    void removeSink(ServiceReference<ReadingSink> ref) {
        fanout.remove(ref);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPowerState(PowerState state) {
        power.set(state);
        modeChanged(state.mode());
    }

    void updatedPowerState(PowerState state) {
        modeChanged(state.mode());
    }

    /** A greedy replacement binds the new service before unbinding the old: only the bound one counts. */
    void unsetPowerState(PowerState state) {
        if (power.compareAndSet(state, null)) {
            modeChanged(PowerMode.FULL);
        }
    }

    private void modeChanged(PowerMode next) {
        synchronized (lock) {
            if (next != mode) {
                mode = next;
                restartAll();
            }
        }
    }

    /** Caller holds {@link #lock}. Before activation (no executor) this does nothing. */
    private void restartAll() {
        tasks.values().forEach(this::start);
    }

    /** Caller holds {@link #lock}. */
    private void start(SensorTask task) {
        if (executor != null) {
            task.start(executor, settings, mode, log);
        }
    }

    private void post(String topic, Map<String, ?> properties) {
        EventAdmin ea = eventAdmin;
        if (ea != null) {
            try {
                ea.postEvent(new Event(topic, properties));
            } catch (IllegalStateException e) {
                // EventAdmin is going away; the event goes with it
            }
        }
    }

    private ScheduledThreadPoolExecutor newExecutor(int threads) {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "wren-sampler-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return ex;
    }

    /** Shell command {@code wren:sensors}: every sensor with its period, state and counters. */
    @org.apache.felix.service.command.Descriptor("the power mode, every sensor with its period in that mode, state and"
            + " counters, and the sinks with their deliveries")
    public String sensors() {
        PowerMode current;
        int spares;
        synchronized (lock) {
            current = mode;
            spares = watchdog == null ? 0 : watchdog.spares();
        }
        StringBuilder out = new StringBuilder(String.format("mode %s, %d sensor(s), %d sink(s)%s%n",
                current, tasks.size(), fanout.size(),
                spares == 0 ? "" : ", " + spares + " spare thread(s) for blocked reads"));
        tasks.values().stream().sorted(Comparator.comparing(SensorTask::id))
                .forEach(t -> out.append(t.describe(current)).append(System.lineSeparator()));
        out.append(fanout.describe());
        return out.toString();
    }

    /** Shell command {@code wren:sensors} with arguments: the usage. */
    @org.apache.felix.service.command.Descriptor("any arguments: prints the usage")
    public String sensors(@org.apache.felix.service.command.Descriptor("none taken") String... words) {
        return words.length == 0 ? sensors() : "usage: sensors (takes no arguments; wren:readings <sensor> shows one"
                + " sensor's values)";
    }
}
