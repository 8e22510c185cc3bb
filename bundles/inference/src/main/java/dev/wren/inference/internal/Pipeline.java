package dev.wren.inference.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
import org.osgi.service.metatype.annotations.Option;

import ai.onnxruntime.OrtEnvironment;

import dev.wren.inference.Insight;
import dev.wren.inference.InsightSink;
import dev.wren.inference.SuspectWindowSink;
import dev.wren.power.PowerMode;
import dev.wren.power.PowerState;
import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;
import dev.wren.sensor.Window;

/**
 * The vibration pipeline: a {@link ReadingSink} for the windows of the chosen sensors that turns
 * each analysis window into an {@link Insight} for every {@link InsightSink} (see {@link Lane}), and
 * in FULL power mode hands the raw windows the trigger fired on to every {@link SuspectWindowSink}.
 * Runs on the sampler's thread; models are taken from the {@link Models} registry at each window,
 * so a new version serves from the next window on, with nothing restarted.
 */
@Component(configurationPid = Pipeline.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {ReadingSink.class, ConfigurableComponent.class, Pipeline.class},
        property = {"osgi.command.scope=wren", "osgi.command.function=pipeline",
            ReadingSink.SENSORS_TARGET + "=(sensor.kind=mpu6050)",
            "kura.service.pid=" + Pipeline.PID})
@Designate(ocd = Pipeline.Config.class)
public class Pipeline implements ReadingSink, ConfigurableComponent {

    public static final String PID = "dev.wren.inference.Pipeline";

    @ObjectClassDefinition(id = PID, name = "Wren vibration pipeline",
            description = "Classifies machine condition from accelerometer windows on the gateway.")
    public @interface Config {

        @AttributeDefinition(name = "Sensors", description = "LDAP filter over the sensors' service properties."
                + " Becomes sensors.target (the id before; still accepted).")
        String sensors_filter() default "(sensor.kind=mpu6050)";

        @AttributeDefinition(name = "Trigger model", description = "Name of the model that tells an unusual window.")
        String trigger_model() default "vibration-trigger";

        @AttributeDefinition(name = "Classifier model",
                description = "Name of the model that names the condition, run only when the trigger fires.")
        String classifier_model() default "vibration-classifier";

        @AttributeDefinition(name = "Analysis window (frames)", min = "256", max = "4096",
                description = "Samples per axis in one analysis window: 256, 512, 1024, 2048 or 4096.",
                options = {@Option(label = "256", value = "256"), @Option(label = "512", value = "512"),
                    @Option(label = "1024", value = "1024"), @Option(label = "2048", value = "2048"),
                    @Option(label = "4096", value = "4096")})
        int analysis_frames() default 1024;

        @AttributeDefinition(name = "Debounce (windows)", min = "1", max = "100",
                description = "Windows in a row a new condition must show before it is reported.")
        int debounce_windows() default 3;

        @AttributeDefinition(name = "Every n-th window in MINIMAL", min = "1", max = "100",
                description = "In MINIMAL power mode only every n-th analysis window is analysed, by the trigger alone.")
        int minimal_every() default 4;

        @AttributeDefinition(name = "Raw window interval (s)", min = "0", max = "86400",
                description = "In FULL power mode a raw window the trigger fired on goes upstream for deeper analysis, "
                        + "at most once per this interval per sensor; 0 = every such window.")
        long raw_interval_s() default 60;

        @AttributeDefinition(name = "Hysteresis", min = "0", max = "1",
                description = "How far below the entry score the reported condition must fall before another is taken.")
        double hysteresis() default 0.15;

        @AttributeDefinition(name = "Drift windows", min = "0", max = "1000",
                description = "Analysis windows over which drift from the trigger's training range is judged; 0 = off.")
        int drift_windows() default 30;

        @AttributeDefinition(name = "Drift share", min = "0.05", max = "1",
                description = "Share of those windows with a feature outside the training range (widened by a tenth)"
                        + " at which a drift insight is reported; it ends at half this share.")
        double drift_share() default 0.5;
    }

    record Settings(String triggerModel, String classifierModel, int frames, int debounce, double hysteresis,
            Lane.Thinning thinning, int driftWindows, double driftShare) {

        static Settings of(Config c) {
            int f = c.analysis_frames();
            if (f < 256 || f > 4096 || Integer.bitCount(f) != 1) {
                throw new IllegalArgumentException("analysis.frames: must be 256, 512, 1024, 2048 or 4096, was " + f);
            }
            if (c.debounce_windows() < 1 || c.debounce_windows() > 100) {
                throw new IllegalArgumentException("debounce.windows: must be 1 to 100, was " + c.debounce_windows());
            }
            if (c.minimal_every() < 1 || c.minimal_every() > 100) {
                throw new IllegalArgumentException("minimal.every: must be 1 to 100, was " + c.minimal_every());
            }
            if (c.raw_interval_s() < 0 || c.raw_interval_s() > 86_400) {
                throw new IllegalArgumentException("raw.interval.s: must be 0 to 86400, was " + c.raw_interval_s());
            }
            if (!(c.hysteresis() >= 0 && c.hysteresis() <= 1)) {
                throw new IllegalArgumentException("hysteresis: must be 0 to 1, was " + c.hysteresis());
            }
            if (c.drift_windows() < 0 || c.drift_windows() > 1000) {
                throw new IllegalArgumentException("drift.windows: must be 0 (off) to 1000, was " + c.drift_windows());
            }
            if (!(c.drift_share() >= 0.05 && c.drift_share() <= 1)) {
                throw new IllegalArgumentException("drift.share: must be 0.05 to 1, was " + c.drift_share());
            }
            for (String[] m : new String[][] {{"trigger.model", c.trigger_model()}, {"classifier.model", c.classifier_model()}}) {
                if (m[1] == null || m[1].isBlank()) {
                    throw new IllegalArgumentException(m[0] + ": required");
                }
            }
            return new Settings(c.trigger_model().trim(), c.classifier_model().trim(), f, c.debounce_windows(),
                    c.hysteresis(), new Lane.Thinning(c.minimal_every(), c.raw_interval_s() * 1000), c.drift_windows(),
                    c.drift_share());
        }
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private Models models;

    private final Targets<InsightSink> sinks = new Targets<>();
    private final Targets<SuspectWindowSink> suspectSinks = new Targets<>();
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, Insight> last = new ConcurrentHashMap<>();
    private final Counters counters = new Counters();
    private final AtomicLong lastFailureLog = new AtomicLong();
    private volatile Settings settings;
    private volatile PowerMode mode = PowerMode.FULL;
    private volatile PowerState power;

    /** Work sharing with the peers of the site; absent without gossip's peer channel. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile WorkSharing sharing;

    /** The power mode: MINIMAL thins the analysis out (see {@link Lane#process}); FULL without a power manager. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedPower", unbind = "unbindPower")
    void bindPower(PowerState power) {
        this.power = power;
        mode = power.mode();
    }

    void updatedPower(PowerState power) {
        mode = power.mode();
    }

    void unbindPower(PowerState power) {
        if (this.power == power) {
            this.power = null;
            mode = PowerMode.FULL;
        }
    }

    @Activate
    void activate(Config config) {
        try {
            settings = Settings.of(config);
        } catch (IllegalArgumentException e) {
            log.error("Configuration {} refused, the pipeline stays idle: {}", PID, e.getMessage());
        }
    }

    @Modified
    void modified(Config config) {
        try {
            Settings next = Settings.of(config);
            synchronized (lanes) {
                settings = next;
                lanes.values().forEach(Lane::close);
                lanes.clear();
            }
        } catch (IllegalArgumentException e) {
            log.error("Configuration {} refused, keeping the last good one: {}", PID, e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (lanes) {
            settings = null;
            lanes.values().forEach(Lane::close);
            lanes.clear();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSink(InsightSink sink, Map<String, Object> properties) {
        refused(sink, sinks.add(sink, properties.get(InsightSink.TARGET), InsightSink.TARGET));
    }

    void removeSink(InsightSink sink) {
        sinks.remove(sink);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSuspectSink(SuspectWindowSink sink, Map<String, Object> properties) {
        refused(sink, suspectSinks.add(sink, properties.get(SuspectWindowSink.TARGET), SuspectWindowSink.TARGET));
    }

    void removeSuspectSink(SuspectWindowSink sink) {
        suspectSinks.remove(sink);
    }

    private void refused(Object sink, String why) {
        if (why != null) {
            log.error("Sink {} ignored: {}", sink, why);
        }
    }

    @Override
    public void accept(List<Reading> readings) {
        // the pipeline works on windows only
    }

    @Override
    public void acceptWindow(Window window) {
        Lane lane = lane(window.sensor());
        if (lane == null) {
            return;
        }
        synchronized (lane) {
            lane.add(window);
        }
    }

    /** @return the lane of {@code sensor}, created at its first window; null while the pipeline is idle */
    Lane lane(String sensor) {
        Lane lane = lanes.get(sensor);
        if (lane != null) {
            return lane;
        }
        synchronized (lanes) {
            Settings s = settings;
            if (s == null) {
                return null;
            }
            Registry r = models.registry();
            return lanes.computeIfAbsent(sensor, id -> new Lane(id, s.frames(), OrtEnvironment.getEnvironment(),
                    r.slot(s.triggerModel()), r.slot(s.classifierModel()), new Decision(s.debounce(), s.hysteresis()),
                    counters, new Out(), () -> mode, s.thinning(),
                    s.driftWindows() == 0 ? null : new Drift(s.driftWindows(), s.driftShare())));
        }
    }

    Counters counters() {
        return counters;
    }

    /** Shell command {@code wren:pipeline}: counters and each sensor's latest insight. */
    @org.apache.felix.service.command.Descriptor("the inference pipeline's power mode, counters and each sensor's"
            + " latest insight with its model and timings")
    public String pipeline() {
        StringBuilder out = new StringBuilder("power mode ").append(mode).append("; ").append(counters).append('\n');
        new java.util.TreeMap<>(last).forEach((sensor, i) -> out.append(String.format(java.util.Locale.ROOT,
                "%s: %s (score %.2f, severity %d) by %s %s; t_pre %d us, t_infer %d us, t_post %d us%n", sensor,
                i.label(), i.score(), i.severity(), i.model(), i.modelVersion(), i.preNanos() / 1000,
                i.inferNanos() / 1000, i.postNanos() / 1000)));
        return out.toString();
    }

    /** Arguments are refused with the usage. */
    @org.apache.felix.service.command.Descriptor("any arguments: prints the usage")
    public String pipeline(@org.apache.felix.service.command.Descriptor("none taken") String... words) {
        return words.length == 0 ? pipeline() : "usage: pipeline (takes no arguments)\n";
    }

    private final class Out implements Lane.Out {

        @Override
        public void insight(Insight insight) {
            last.put(insight.sensor(), insight);
            sinks.deliver(insight, InsightSink::accept,
                    (s, e) -> failed(insight.sensor(), "insight sink " + s + " failed: " + e, e));
        }

        @Override
        public Sharing sharing() {
            return sharing;
        }

        @Override
        public boolean wantsSuspects() {
            return !suspectSinks.isEmpty();
        }

        @Override
        public void suspect(Insight insight, Window window) {
            suspectSinks.deliver(insight, (s, i) -> s.accept(i, window),
                    (s, e) -> failed(insight.sensor(), "suspect window sink " + s + " failed: " + e, e));
        }

        @Override
        public void drift(String sensor, Drift.Change change, LoadedModel trigger) {
            String of = trigger.descriptor().name() + " " + trigger.descriptor().version();
            if (change.drifting()) {
                log.warn("Pipeline on {}: drift: {} % of the last analysis windows lie outside the training range of {};"
                        + " furthest (mean z-score): {}", sensor, Math.round(100 * change.share()), of, change.features());
            } else {
                log.info("Pipeline on {}: back in the training range of {} ({} % of the last windows outside)", sensor,
                        of, Math.round(100 * change.share()));
            }
        }

        @Override
        public void failed(String sensor, String why, Throwable cause) {
            long now = System.currentTimeMillis();
            long before = lastFailureLog.get();
            if (now - before >= 60_000 && lastFailureLog.compareAndSet(before, now)) {
                log.warn("Pipeline on {}: {} (further failures this minute are only counted)", sensor, why);
            }
        }
    }
}
