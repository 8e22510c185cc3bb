package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.wren.itests.process.RawHttp.Answer;

/**
 * The configuration forms as the Felix web console serves them (its JSON), on one gateway started with
 * {@code ./wren run} and the shipped {@code config/}: enumerated attributes are option lists, an unset
 * gossip key shows no masked entry and a set one does, and the Sampler's default periods say honestly
 * that they reach no Wren sensor, which the sensors' service properties confirm.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleFormsIT {

    static final Duration START = Duration.ofSeconds(90);
    static final String CONFIG = "/system/console/configMgr/";
    static final String LOCAL = "127.0.0.1";

    @TempDir
    static Path dir;

    private GatewayProcess gw;
    private RawHttp http;

    @BeforeAll
    void start() throws Exception {
        gw = GatewayProcess.start(dir.resolve("data"), GatewayProcess.freePort(), null);
        http = new RawHttp(gw.port);
        gw.awaitLine("password in ", START);
        gw.awaitLine("Gossip off: no cluster.keys", START);
        long deadline = System.nanoTime() + START.toNanos();
        while (http.get(LOCAL, "/system/console/bundles", admin()).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the console did not answer");
            }
            Thread.sleep(200);
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void enumeratedAttributesAreOptionLists() throws Exception {
        Map<String, List<String>> expected = Map.of(
                "dev.wren.driver.bme280.Bme280~air/oversampling.temperature", List.of("1", "2", "4", "8", "16"),
                "dev.wren.driver.bme280.Bme280~air/oversampling.pressure", List.of("0", "1", "2", "4", "8", "16"),
                "dev.wren.driver.bme280.Bme280~air/oversampling.humidity", List.of("0", "1", "2", "4", "8", "16"),
                "dev.wren.driver.bme280.Bme280~air/iir.filter", List.of("0", "2", "4", "8", "16"),
                "dev.wren.driver.mpu6050.Mpu6050~vibration/accel.range.g", List.of("2", "4", "8", "16"),
                "dev.wren.driver.ina219.Ina219~power/bus.range.v", List.of("16", "32"),
                "dev.wren.driver.ads1115.Ads1115~adc/full.scale.v",
                List.of("6.144", "4.096", "2.048", "1.024", "0.512", "0.256"),
                "dev.wren.power.PowerManager/mode.override", List.of("", "FULL", "DEGRADED", "MINIMAL"),
                "dev.wren.inference.Pipeline/analysis.frames", List.of("256", "512", "1024", "2048", "4096"));
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            String pid = e.getKey().substring(0, e.getKey().indexOf('/'));
            String property = e.getKey().substring(pid.length() + 1);
            JsonElement type = attribute(pid, property).get("type");
            if (!type.isJsonObject()) {
                wrong.add(e.getKey() + " is a free field (type " + type + ")");
                continue;
            }
            List<String> values = new ArrayList<>();
            type.getAsJsonObject().getAsJsonArray("values").forEach(v -> values.add(v.getAsString()));
            if (!values.equals(e.getValue())) {
                wrong.add(e.getKey() + " offers " + values + ", not " + e.getValue());
            }
        }
        assertEquals(List.of(), wrong);
        JsonArray labels = attribute("dev.wren.power.PowerManager", "mode.override").getAsJsonObject("type")
                .getAsJsonArray("labels");
        assertEquals("automatic", labels.get(0).getAsString(), "the empty value has a name in the list");
    }

    @Test
    void anUnsetClusterKeyShowsNoMaskedEntryASetOneDoes() throws Exception {
        JsonObject keys = attribute("dev.wren.gossip.Gossip", "cluster.keys");
        assertEquals(12, keys.get("type").getAsInt(), "a password attribute");
        assertEquals(0, keys.getAsJsonArray("values").size(), "no key, no entry: " + keys);
        assertFalse(keys.has("value"), "a list, not one field the console always masks: " + keys);

        String key = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
        Answer post = http.postForm(LOCAL, CONFIG + "dev.wren.gossip.Gossip", admin(),
                "apply=update&action=ajaxConfigManager&propertylist=cluster.keys&cluster.keys="
                        + URLEncoder.encode(key, StandardCharsets.UTF_8));
        assertTrue(post.status() < 400, post.status() + " " + post.body());
        gw.awaitLine("INFO  \\[dev\\.wren\\.gossip\\] Gossip: node ", START);
        JsonArray masked = attribute("dev.wren.gossip.Gossip", "cluster.keys").getAsJsonArray("values");
        assertEquals(1, masked.size(), masked.toString());
        assertFalse(masked.toString().contains(key), "the key itself is never sent");
    }

    @Test
    void theSamplersDefaultPeriodsSayTheyReachNoWrenSensorAndNoneReliesOnThem() throws Exception {
        for (String mode : List.of("full", "degraded", "minimal")) {
            String description = attribute("dev.wren.sampling.Sampler", "sampling.period." + mode + ".ms")
                    .get("description").getAsString();
            assertTrue(description.contains("Only for sensors that publish no sampling.period." + mode
                    + ".ms of their own; no Wren sensor is one"), description);
        }
        List<String> expected = List.of("air", "vibration", "power", "adc", "gateway", "energy");
        List<String> sensors = new ArrayList<>();
        List<String> without = new ArrayList<>();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        do { // the drivers register their sensors once the simulated board is up, which may follow the console
            sensors.clear();
            without.clear();
            Answer list = http.get(LOCAL, "/system/console/services.json", admin());
            assertEquals(200, list.status());
            for (JsonElement s : JsonParser.parseString(list.body()).getAsJsonObject().getAsJsonArray("data")) {
                JsonObject o = s.getAsJsonObject();
                if (!o.get("types").getAsString().contains("dev.wren.sensor.Sensor")
                        || !o.get("bundleSymbolicName").getAsString().startsWith("dev.wren.")) {
                    continue;
                }
                Answer one = http.get(LOCAL, "/system/console/services/" + o.get("id").getAsString() + ".json", admin());
                JsonObject service = JsonParser.parseString(one.body()).getAsJsonObject().getAsJsonArray("data").get(0)
                        .getAsJsonObject();
                List<String> keys = new ArrayList<>();
                String id = "?";
                for (JsonElement p : service.getAsJsonArray("props")) {
                    String k = p.getAsJsonObject().get("key").getAsString();
                    keys.add(k);
                    if (k.equals("sensor.id")) {
                        id = p.getAsJsonObject().get("value").getAsString();
                    }
                }
                sensors.add(id);
                if (!keys.containsAll(List.of("sampling.period.full.ms", "sampling.period.degraded.ms",
                        "sampling.period.minimal.ms"))) {
                    without.add(id + " " + keys);
                }
            }
        } while (!sensors.containsAll(expected) && System.nanoTime() < deadline && sleep(200));
        assertTrue(sensors.containsAll(expected), sensors.toString());
        assertEquals(List.of(), without, "Wren sensors that would run on the Sampler's defaults");
    }

    private static boolean sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
        return true;
    }

    private JsonObject attribute(String pid, String property) throws Exception {
        Answer a = http.get(LOCAL, CONFIG + pid + ".json", admin());
        assertEquals(200, a.status(), pid + ": " + a.body());
        JsonObject found = find(JsonParser.parseString(a.body()), property);
        assertNotNull(found, property + " not in " + a.body());
        return found;
    }

    private static JsonObject find(JsonElement e, String property) {
        if (e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                JsonObject f = find(x, property);
                if (f != null) {
                    return f;
                }
            }
        } else if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            if (o.has(property) && o.get(property).isJsonObject() && o.getAsJsonObject(property).has("type")) {
                return o.getAsJsonObject(property);
            }
            for (Map.Entry<String, JsonElement> x : o.entrySet()) {
                JsonObject f = find(x.getValue(), property);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private Map<String, String> admin() throws Exception {
        return Map.of("Authorization", RawHttp.basic("admin", gw.password()));
    }
}
