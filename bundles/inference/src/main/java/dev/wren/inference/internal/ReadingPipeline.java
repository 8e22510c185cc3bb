package dev.wren.inference.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import ai.onnxruntime.OrtEnvironment;

import dev.wren.inference.Insight;
import dev.wren.inference.InsightSink;
import dev.wren.inference.features.SummaryFeatures;
import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.Window;

/**
 * The pipeline of models that say what they consume: runs every model whose descriptor has a
 * {@code consumes} object on the data of every sensor its filter matches, one lane per model and
 * sensor: a {@value SummaryFeatures#NAME} model on scalar readings over a time window
 * ({@link SummaryLane}), a {@code vibration-v1} model on analysis windows of a window sensor
 * ({@link WindowLane}). Insights go to every {@link InsightSink}. Models come and go with their bundles: the routes are
 * worked out again whenever the model registry or the sensors change, so a third party's model
 * bundle serves from the next window on. A model whose filter matches no sensor is reported by
 * name and waits; one whose run fails is counted and reported, and the others go on. Runs on the
 * sampler's thread.
 */
@Component(configurationPid = ReadingPipeline.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {ReadingSink.class, ConfigurableComponent.class, ReadingPipeline.class},
        property = {"kura.service.pid=" + ReadingPipeline.PID})
@Designate(ocd = ReadingPipeline.Config.class)
public class ReadingPipeline implements ReadingSink, ConfigurableComponent {

    public static final String PID = "dev.wren.inference.ReadingPipeline";

    @ObjectClassDefinition(id = PID, name = "Wren reading pipeline",
            description = "Runs the models of scalar readings (feature set summary-v1) on the sensors each model asks for.")
    public @interface Config {

        @AttributeDefinition(name = "Most lanes", min = "1", max = "4096",
                description = "Most model and sensor pairs run at once (each holds one window's state and the model's"
                        + " buffers); pairs beyond it are reported and left out.")
        int max_lanes() default 64;
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private Models models;

    private final Targets<InsightSink> sinks = new Targets<>();
    private final Map<String, Map<String, Object>> sensors = new ConcurrentHashMap<>();
    private final AtomicLong sensorGeneration = new AtomicLong();
    private final Counters counters = new Counters();
    private final Map<String, Insight> last = new ConcurrentHashMap<>();
    private final AtomicLong lastFailureLog = new AtomicLong();
    private final Map<String, ModelLane> lanes = new HashMap<>();
    private volatile Map<String, List<ModelLane>> routes = Map.of();
    private long routedRegistry = -1;
    private long routedSensors = -1;
    private Set<String> reported = Set.of();
    private volatile int maxLanes;

    @Activate
    void activate(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        if (config.max_lanes() < 1 || config.max_lanes() > 4096) {
            log.error("Configuration {} refused, keeping the last good one: max.lanes: must be 1 to 4096, was {}", PID,
                    config.max_lanes());
            if (maxLanes == 0) {
                maxLanes = 64;
            }
            return;
        }
        synchronized (lanes) {
            maxLanes = config.max_lanes();
            routedRegistry = -1;
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (lanes) {
            lanes.values().forEach(ModelLane::close);
            lanes.clear();
            routes = Map.of();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSensor(Sensor sensor, Map<String, Object> properties) {
        if (properties.get(Sensor.ID) instanceof String id) {
            sensors.put(id, Map.copyOf(properties));
            sensorGeneration.incrementAndGet();
        }
    }

    void updatedSensor(Sensor sensor, Map<String, Object> properties) {
        addSensor(sensor, properties);
    }

    void removeSensor(Sensor sensor, Map<String, Object> properties) {
        if (properties.get(Sensor.ID) instanceof String id) {
            sensors.remove(id);
            sensorGeneration.incrementAndGet();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSink(InsightSink sink, Map<String, Object> properties) {
        String why = sinks.add(sink, properties.get(InsightSink.TARGET), InsightSink.TARGET);
        if (why != null) {
            log.error("Sink {} ignored: {}", sink, why);
        }
    }

    void removeSink(InsightSink sink) {
        sinks.remove(sink);
    }

    @Override
    public void accept(List<Reading> readings) {
        if (readings.isEmpty()) {
            return;
        }
        List<ModelLane> to = routes().get(readings.get(0).sensor());
        if (to == null) {
            return;
        }
        for (ModelLane lane : to) {
            synchronized (lane) {
                lane.add(readings);
            }
        }
    }

    @Override
    public void acceptWindow(Window window) {
        List<ModelLane> to = routes().get(window.sensor());
        if (to == null) {
            return;
        }
        for (ModelLane lane : to) {
            synchronized (lane) {
                lane.add(window);
            }
        }
    }

    /** @return the lanes of each sensor, worked out again after a change of models or sensors */
    private Map<String, List<ModelLane>> routes() {
        Registry registry = models.registry();
        if (registry.generation() == routedRegistry && sensorGeneration.get() == routedSensors) {
            return routes;
        }
        synchronized (lanes) {
            long g = registry.generation();
            long s = sensorGeneration.get();
            if (g != routedRegistry || s != routedSensors) {
                routes = route(registry);
                routedRegistry = g;
                routedSensors = s;
            }
            return routes;
        }
    }

    private Map<String, List<ModelLane>> route(Registry registry) {
        Map<String, List<ModelLane>> next = new HashMap<>();
        Map<String, ModelLane> kept = new HashMap<>();
        Set<String> report = new LinkedHashSet<>();
        for (Registry.Slot slot : new TreeMap<>(registry.slots()).values()) {
            LoadedModel serving = slot.serving();
            Consumes c = serving == null ? null : serving.descriptor().consumes();
            if (c == null) {
                continue;
            }
            int matched = 0;
            for (Map.Entry<String, Map<String, Object>> sensor : new TreeMap<>(sensors).entrySet()) {
                if (!c.filter().matches(sensor.getValue())) {
                    continue;
                }
                matched++;
                String key = slot.name + "\n" + sensor.getKey();
                ModelLane lane = lanes.remove(key);
                if (lane != null && !lane.consumes().equals(c)) {
                    lane.close();
                    lane = null;
                }
                if (lane == null && kept.size() >= maxLanes) {
                    report.add(String.format(Locale.ROOT, "Reading pipeline: model %s on sensor %s left out: %d lanes"
                            + " run, the most max.lanes allows", slot.name, sensor.getKey(), maxLanes));
                    continue;
                }
                if (lane == null) {
                    lane = c.frames() > 0
                            ? new WindowLane(sensor.getKey(), slot, c, OrtEnvironment.getEnvironment(), counters, new Out())
                            : new SummaryLane(sensor.getKey(), slot, c, OrtEnvironment.getEnvironment(), counters, new Out());
                }
                kept.put(key, lane);
                next.computeIfAbsent(sensor.getKey(), k -> new ArrayList<>()).add(lane);
            }
            if (matched == 0) {
                report.add("Reading pipeline: model " + slot.name + " " + serving.descriptor().version()
                        + " consumes sensors " + c.sensors() + ": no sensor matches; it waits for one");
            } else {
                report.add("Reading pipeline: model " + slot.name + " " + serving.descriptor().version() + " runs on "
                        + matched + " sensor(s) matching " + c.sensors() + (c.frames() > 0 ? ", windows of " + c.frames()
                        + " frames" : ", " + c.quantities() + " over " + c.windowMs() / 1000.0 + " s windows"));
            }
        }
        lanes.values().forEach(ModelLane::close);
        lanes.clear();
        lanes.putAll(kept);
        for (String line : report) {
            if (!reported.contains(line)) {
                if (line.contains("no sensor matches") || line.contains("left out")) {
                    log.warn(line);
                } else {
                    log.info(line);
                }
            }
        }
        reported = report;
        return Map.copyOf(next);
    }

    /** @return the lanes' counters and each sensor and model's latest insight */
    public String describe() {
        StringBuilder out = new StringBuilder(counters.toString()).append('\n');
        new TreeMap<>(last).forEach((key, i) -> out.append(String.format(Locale.ROOT,
                "%s: %s (score %.2f, severity %d) by %s %s; t_pre %d us, t_infer %d us, t_post %d us%n", i.sensor(),
                i.label(), i.score(), i.severity(), i.model(), i.modelVersion(), i.preNanos() / 1000,
                i.inferNanos() / 1000, i.postNanos() / 1000)));
        return out.toString();
    }

    Counters counters() {
        return counters;
    }

    private final class Out implements ModelRun.Out {

        @Override
        public void insight(Insight insight) {
            last.put(insight.sensor() + " " + insight.model(), insight);
            sinks.deliver(insight, InsightSink::accept,
                    (s, e) -> failed(insight.sensor(), insight.model(), "insight sink " + s + " failed: " + e));
        }

        @Override
        public void failed(String sensor, String model, String why) {
            long now = System.currentTimeMillis();
            long before = lastFailureLog.get();
            if (now - before >= 60_000 && lastFailureLog.compareAndSet(before, now)) {
                log.warn("Reading pipeline, model {} on {}: {} (further failures this minute are only counted)", model,
                        sensor, why);
            }
        }
    }
}
