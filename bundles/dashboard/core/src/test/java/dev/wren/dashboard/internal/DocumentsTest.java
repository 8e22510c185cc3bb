package dev.wren.dashboard.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.wren.sensor.Reading;

/** The documents from a gateway with sensors and insights but none of the optional services. */
class DocumentsTest {

    @TempDir
    Path data;

    @Test
    void statusAndMetricsLeaveOutWhatIsAbsentAndMarkAStaleValue() {
        long now = 1_800_000_000_000L;
        Readings readings = new Readings(8, 60, 1_000);
        readings.accept(List.of(new Reading("air", "temperature", 21.5, "degC", now - 10_000),
                new Reading("air", "temperature", 21.6, "degC", now - 9_000),
                new Reading("gateway", "thermal.cpu", 48.0, "degC", now - 500)));
        Insights insights = new Insights(5);
        insights.accept(InsightsTest.insight("trigger", "normal", 1_000, 20_000, 300));
        Notices notices = new Notices();
        Device device = new Device(Path.of("/proc"), data);
        Sources none = new Sources(List.of(Map.of("sensor.id", "air", "sensor.kind", "bme280")), List.of(), null,
                null, Map.of(), null, null, null, null, null);

        JsonObject s = JsonParser.parseString(new StatusJson(device, readings, notices, insights, 3).write(none, now))
                .getAsJsonObject();
        assertTrue(!s.has("outbox") && !s.has("uplink") && !s.has("power") && !s.has("peers"), s.toString());
        JsonObject air = s.getAsJsonArray("sensors").get(0).getAsJsonObject();
        JsonObject value = air.getAsJsonArray("values").get(0).getAsJsonObject();
        assertTrue(value.get("stale").getAsBoolean(), "9 s old, read every 1 s: " + value);
        JsonObject gateway = s.getAsJsonArray("sensors").get(1).getAsJsonObject();
        assertTrue(!gateway.getAsJsonArray("values").get(0).getAsJsonObject().get("stale").getAsBoolean(), gateway.toString());
        assertTrue(s.getAsJsonObject("device").get("temperature_c").getAsDouble() == 48.0, s.toString());

        String metrics = new String(new MetricsText(device, readings, notices, insights).write(none, now),
                StandardCharsets.UTF_8);
        assertTrue(metrics.contains("wren_reading{quantity=\"temperature\",sensor=\"air\",unit=\"degC\"} 21.6"), metrics);
        assertTrue(metrics.contains("wren_inference_latency_seconds_bucket{model=\"trigger\",stage=\"infer\",le=\"5.0E-5\"} 1"), metrics);
        assertTrue(metrics.contains("wren_inference_latency_seconds_count{model=\"trigger\",stage=\"pre\"} 1"), metrics);
        assertTrue(!metrics.contains("wren_outbox"), metrics);
    }
}
