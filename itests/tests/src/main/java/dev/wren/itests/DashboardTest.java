package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectService;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.wren.dashboard.Dashboard;
import dev.wren.sensor.Reading;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorException;

/**
 * The dashboard's documents come from the running gateway: every section filled, a faulted sensor
 * with its reason, a stale value, a refused setting with its rule, trends that grow and metrics in the
 * Prometheus text format. On both runtimes (the web adapters that serve them are tested per runtime).
 */
class DashboardTest extends GatewayTestBase {

    @InjectService(timeout = 30_000)
    Dashboard dashboard;

    /** Fails reads {@code from} to {@code to} (counting from 1) with a bus error; reads after {@code silentAfter} return nothing. */
    static final class ScriptedSensor implements Sensor {
        final AtomicInteger reads = new AtomicInteger();
        private final String id;
        private final int from;
        private final int to;
        private final int silentAfter;

        ScriptedSensor(String id, int from, int to, int silentAfter) {
            this.id = id;
            this.from = from;
            this.to = to;
            this.silentAfter = silentAfter;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public List<Reading> read() throws SensorException {
            int n = reads.incrementAndGet();
            if (n >= from && n <= to) {
                throw new SensorException(SensorException.Fault.BUS_ERROR, "no ACK from 0x44 on the dashboard's test bus");
            }
            if (n > silentAfter) {
                return List.of();
            }
            return List.of(new Reading(id, "temperature", 20 + n % 7, "degC", System.currentTimeMillis()));
        }
    }

    private JsonObject status() {
        return JsonParser.parseString(new String(dashboard.status(), StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static JsonObject sensor(JsonObject status, String id) {
        for (JsonElement e : status.getAsJsonArray("sensors")) {
            if (id.equals(e.getAsJsonObject().get("id").getAsString())) {
                return e.getAsJsonObject();
            }
        }
        return null;
    }

    private ServiceRegistration<Sensor> register(ScriptedSensor s, long periodMs) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Sensor.ID, s.id());
        props.put(Sensor.KIND, "test");
        props.put("sampling.period.full.ms", periodMs);
        props.put("sampling.period.degraded.ms", periodMs);
        props.put("sampling.period.minimal.ms", periodMs);
        return context.registerService(Sensor.class, s, props);
    }

    @Test
    void everySectionIsFilledFromTheRunningGateway() throws Exception {
        Gateway.await("the health sensor's values, the outbox, power and a serving model in the status", () -> {
            JsonObject s = status();
            JsonObject health = sensor(s, Gateway.SENSOR_ID);
            return health != null && health.getAsJsonArray("values").size() > 0 && s.has("outbox") && s.has("power")
                    && s.getAsJsonArray("models").toString().contains("\"serving\":true");
        }, () -> new String(dashboard.status(), StandardCharsets.UTF_8));
        JsonObject s = status();
        JsonObject device = s.getAsJsonObject("device");
        assertTrue(device.get("heap_max_bytes").getAsLong() > 0, device.toString());
        assertTrue(device.get("disk_free_bytes").getAsLong() > 0, device.toString());
        assertTrue(device.get("gateway_uptime_s").getAsLong() >= 0, device.toString());
        JsonObject power = s.getAsJsonObject("power");
        assertTrue(List.of("FULL", "DEGRADED", "MINIMAL").contains(power.get("mode").getAsString()), power.toString());
        assertTrue(!power.get("reason").getAsString().isEmpty(), power.toString());
        JsonObject outbox = s.getAsJsonObject("outbox");
        assertTrue(outbox.get("accepted").getAsLong() >= 0 && outbox.has("priorities"), outbox.toString());
        JsonObject health = sensor(s, Gateway.SENSOR_ID);
        assertEquals("health", health.get("kind").getAsString());
        JsonObject value = health.getAsJsonArray("values").get(0).getAsJsonObject();
        assertTrue(value.has("unit") && value.get("age_ms").getAsLong() >= 0 && value.has("stale"), value.toString());
        assertTrue(s.getAsJsonArray("refused") != null, s.toString());
    }

    @Test
    void aFaultedSensorShowsItsReasonThenRecovers() throws Exception {
        ScriptedSensor flaky = new ScriptedSensor("dash-flaky-it", 3, 12, Integer.MAX_VALUE);
        ServiceRegistration<Sensor> reg = register(flaky, 50);
        try {
            Gateway.await("dash-flaky-it faulted with its reason", () -> {
                JsonObject f = sensor(status(), "dash-flaky-it");
                return f != null && "faulted".equals(f.get("quality").getAsString()) && f.has("fault");
            }, () -> sensor(status(), "dash-flaky-it"));
            JsonObject fault = sensor(status(), "dash-flaky-it").getAsJsonObject("fault");
            assertEquals("BUS_ERROR", fault.get("kind").getAsString());
            assertTrue(fault.get("message").getAsString().contains("no ACK from 0x44"), fault.toString());
            Gateway.await("dash-flaky-it good again", () -> {
                JsonObject f = sensor(status(), "dash-flaky-it");
                return "good".equals(f.get("quality").getAsString()) && !f.has("fault");
            }, () -> sensor(status(), "dash-flaky-it"));
            String metrics = new String(dashboard.metrics(), StandardCharsets.UTF_8);
            assertTrue(metrics.contains("wren_sensor_faulted{sensor=\"dash-flaky-it\"} 0.0"), metrics);
        } finally {
            reg.unregister();
        }
    }

    @Test
    void aValueThatStopsComingIsMarkedStale() throws Exception {
        ScriptedSensor gone = new ScriptedSensor("dash-gone-it", 0, -1, Integer.MAX_VALUE);
        ServiceRegistration<Sensor> reg = register(gone, 50);
        Gateway.await("fresh values from dash-gone-it", () -> {
            JsonObject q = sensor(status(), "dash-gone-it");
            return q != null && q.getAsJsonArray("values").size() == 1 && gone.reads.get() >= 3;
        });
        reg.unregister();
        Gateway.await("dash-gone-it's last value marked stale once its sensor went away", () -> {
            JsonObject q = sensor(status(), "dash-gone-it");
            JsonObject v = q.getAsJsonArray("values").get(0).getAsJsonObject();
            return !q.get("registered").getAsBoolean() && v.get("stale").getAsBoolean() && v.get("age_ms").getAsLong() >= 3_000;
        }, () -> sensor(status(), "dash-gone-it"));
    }

    @Test
    void aRefusedSettingIsListedWithItsRuleUntilAGoodValueReplacesIt() throws Exception {
        try {
            Gateway.update(cm.getConfiguration(Gateway.READING_PIPELINE, "?"), Map.of("max.lanes", 0));
            Gateway.await("the refused max.lanes in the status", () -> refused(status()) != null,
                    () -> status().getAsJsonArray("refused"));
            JsonObject r = refused(status());
            assertTrue(r.get("value").getAsString().contains("0"), r.toString());
            assertTrue(r.get("rule").getAsString().contains("1") && r.get("rule").getAsString().contains("4096"), r.toString());
            assertTrue(r.get("running").getAsString().contains("64"), r.toString());
            String metrics = new String(dashboard.metrics(), StandardCharsets.UTF_8);
            assertTrue(Pattern.compile("(?m)^wren_config_refused [1-9]").matcher(metrics).find(), metrics);
        } finally {
            Gateway.update(cm.getConfiguration(Gateway.READING_PIPELINE, "?"), Map.of("max.lanes", 64));
        }
        Gateway.await("the refusal gone once max.lanes is good again", () -> refused(status()) == null,
                () -> status().getAsJsonArray("refused"));
    }

    private static JsonObject refused(JsonObject status) {
        JsonArray list = status.getAsJsonArray("refused");
        for (JsonElement e : list) {
            JsonObject r = e.getAsJsonObject();
            if (Gateway.READING_PIPELINE.equals(r.get("pid").getAsString()) && "max.lanes".equals(r.get("property").getAsString())) {
                return r;
            }
        }
        return null;
    }

    @Test
    void trendsGrowAndMetricsAreInThePrometheusTextFormat() throws Exception {
        Gateway.await("two trend points of the health sensor's heap", () -> points(Gateway.SENSOR_ID, "heap.used") >= 2);
        String metrics = new String(dashboard.metrics(), StandardCharsets.UTF_8);
        Pattern line = Pattern.compile("^(# (HELP|TYPE) .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? "
                + "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf))$");
        for (String l : metrics.split("\n")) {
            assertTrue(line.matcher(l).matches(), "not a Prometheus text line: " + l);
        }
        for (String name : List.of("# TYPE wren_reading gauge", "# TYPE wren_outbox_messages gauge",
                "# TYPE wren_outbox_delivered_total counter", "# TYPE wren_power_mode gauge",
                "# TYPE wren_inference_latency_seconds histogram", "# TYPE wren_device gauge")) {
            assertTrue(metrics.contains(name), name + " in\n" + metrics);
        }
        assertTrue(metrics.contains("wren_reading{quantity=\"heap.used\",sensor=\"" + Gateway.SENSOR_ID + "\",unit=\"B\"}"), metrics);
    }

    private int points(String sensor, String quantity) {
        JsonObject t = JsonParser.parseString(new String(dashboard.trends(), StandardCharsets.UTF_8)).getAsJsonObject();
        for (JsonElement e : t.getAsJsonArray("series")) {
            JsonObject s = e.getAsJsonObject();
            if (sensor.equals(s.get("sensor").getAsString()) && quantity.equals(s.get("quantity").getAsString())) {
                return s.getAsJsonArray("points").size();
            }
        }
        return 0;
    }
}
