package dev.wren.dashboard.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.wren.config.RefusedSettings;
import dev.wren.dashboard.Dashboard;
import dev.wren.data.DataDirectory;
import dev.wren.hardware.Board;
import dev.wren.inference.Insight;
import dev.wren.inference.InsightSink;
import dev.wren.inference.Model;
import dev.wren.peer.PeerChannel;
import dev.wren.peer.PeerDirectory;
import dev.wren.power.PowerState;
import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;
import dev.wren.sensor.Sensor;
import dev.wren.store.Outbox;
import dev.wren.uplink.Uplink;

/**
 * Gathers the gateway's state for {@link Dashboard}: a reading and insight sink of every sensor and
 * model (latest values, an hour of trends, latency budgets), a listener of faults and canary verdicts,
 * and, at each build, the services present. Builds at most once per {@link Dashboard#MAX_AGE_MS} per
 * document, whatever the number of viewers; serves nothing itself (web adapters do).
 */
@Component(configurationPid = Overview.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {Dashboard.class, ReadingSink.class, InsightSink.class, EventHandler.class, ConfigurableComponent.class},
        property = {"kura.service.pid=" + Overview.PID,
            EventConstants.EVENT_TOPIC + "=dev/wren/sensor/FAULTED",
            EventConstants.EVENT_TOPIC + "=dev/wren/sensor/RECOVERED",
            EventConstants.EVENT_TOPIC + "=dev/wren/inference/CANARY",
            EventConstants.EVENT_TOPIC + "=dev/wren/inference/MODEL_REFUSED"})
@Designate(ocd = Overview.Config.class)
public class Overview implements Dashboard, ReadingSink, InsightSink, EventHandler, ConfigurableComponent {

    public static final String PID = "dev.wren.dashboard.Overview";

    @ObjectClassDefinition(id = PID, name = "Wren dashboard",
            description = "What the dashboard keeps: an hour of trends per sensor quantity, the latest insights. "
                    + "Served by the web console (standalone: /system/console/wren) and on Kura by its HTTP service.")
    public @interface Config {

        @AttributeDefinition(name = "Trend length (min)", min = "1", max = "1440",
                description = "How far back the trend plots go, in minutes.")
        int trend_minutes() default 60;

        @AttributeDefinition(name = "Trend bucket (s)", min = "1", max = "3600",
                description = "Width of one point of a trend plot, in seconds: readings within it are averaged.")
        int trend_bucket_s() default 30;

        @AttributeDefinition(name = "Most trend series", min = "1", max = "1024",
                description = "Most sensor quantities with a trend (memory bound: 16 bytes per point); further ones are counted as dropped.")
        int max_series() default 64;

        @AttributeDefinition(name = "Insights kept", min = "1", max = "200",
                description = "How many of the latest insights the dashboard lists.")
        int insights_kept() default 20;

        @AttributeDefinition(name = "Stale after (periods)", min = "2", max = "100",
                description = "A value older than this many of its sensor's periods is marked stale.")
        int stale_periods() default 3;
    }

    private final Map<ServiceReference<Sensor>, Boolean> sensors = new ConcurrentHashMap<>();
    private final Map<ServiceReference<Model>, Boolean> models = new ConcurrentHashMap<>();
    private volatile ServiceReference<Board> board;
    private volatile PowerState power;
    private volatile ServiceReference<PowerState> powerRef;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Outbox outbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Uplink uplink;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PeerDirectory peers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PeerChannel channel;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RefusedSettings refused;

    private Readings readings;
    private Insights insights;
    private final Notices notices = new Notices();
    private StatusJson status;
    private MetricsText metrics;
    private long bucketMs;
    private byte[] page;
    private final Cached statusDoc = new Cached();
    private final Cached trendsDoc = new Cached();
    private final Cached metricsDoc = new Cached();

    @Activate
    void activate(BundleContext context, Config c) throws IOException {
        bucketMs = c.trend_bucket_s() * 1000L;
        int buckets = (int) Math.max(1, Math.min(100_000, c.trend_minutes() * 60_000L / bucketMs));
        readings = new Readings(c.max_series(), buckets, bucketMs);
        insights = new Insights(c.insights_kept());
        Path data = DataDirectory.of(context);
        Device device = new Device(Path.of("/proc"), data);
        status = new StatusJson(device, readings, notices, insights, c.stale_periods());
        metrics = new MetricsText(device, readings, notices, insights);
        try (InputStream in = Overview.class.getResourceAsStream("dashboard.html")) {
            if (in == null) {
                throw new IOException("dashboard.html missing from the bundle");
            }
            page = in.readAllBytes();
        }
    }

    @Override
    public byte[] page() {
        return page.clone();
    }

    @Override
    public byte[] status() {
        return statusDoc.get(now -> status.write(sources(), now).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] trends() {
        return trendsDoc.get(now -> TrendsJson.write(readings, bucketMs, now).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] metrics() {
        return metricsDoc.get(now -> metrics.write(sources(), now));
    }

    @Override
    public Answer answer(String path, String query) {
        return Answers.answer(this, path, query);
    }

    @Override
    public void accept(List<Reading> batch) {
        readings.accept(batch);
    }

    @Override
    public void accept(Insight insight) {
        insights.accept(insight);
    }

    @Override
    public void handleEvent(Event event) {
        notices.handle(event);
    }

    private Sources sources() {
        List<Map<String, Object>> s = new ArrayList<>();
        sensors.keySet().forEach(r -> s.add(properties(r)));
        List<Map<String, Object>> m = new ArrayList<>();
        models.keySet().forEach(r -> m.add(properties(r)));
        ServiceReference<Board> b = board;
        ServiceReference<PowerState> pr = powerRef;
        PowerState p = power;
        return new Sources(s, m, b == null ? null : properties(b), pr == null ? null : p,
                pr == null ? Map.of() : properties(pr), outbox, uplink, peers, refused, channel);
    }

    private static Map<String, Object> properties(ServiceReference<?> r) {
        Map<String, Object> p = new HashMap<>();
        for (String key : r.getPropertyKeys()) {
            p.put(key, r.getProperty(key));
        }
        return p;
    }

    @Reference(service = Sensor.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSensor(ServiceReference<Sensor> r) {
        sensors.put(r, Boolean.TRUE);
    }

    void removeSensor(ServiceReference<Sensor> r) {
        sensors.remove(r);
    }

    @Reference(service = Model.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addModel(ServiceReference<Model> r) {
        models.put(r, Boolean.TRUE);
    }

    void removeModel(ServiceReference<Model> r) {
        models.remove(r);
    }

    @Reference(service = Board.class, cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setBoard(ServiceReference<Board> r) {
        board = r;
    }

    void unsetBoard(ServiceReference<Board> r) {
        if (board == r) {
            board = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPower(PowerState p, ServiceReference<PowerState> r) {
        power = p;
        powerRef = r;
    }

    void unsetPower(PowerState p, ServiceReference<PowerState> r) {
        if (powerRef == r) {
            powerRef = null;
            power = null;
        }
    }

    /** One document, built at most once per {@link Dashboard#MAX_AGE_MS}; concurrent callers share a build. */
    private static final class Cached {

        private byte[] bytes;
        private long builtAt;

        synchronized byte[] get(LongFunction<byte[]> build) {
            long now = System.currentTimeMillis();
            if (bytes == null || now - builtAt >= MAX_AGE_MS || now < builtAt) {
                bytes = build.apply(now);
                builtAt = now;
            }
            return bytes.clone();
        }
    }
}
