package dev.wren.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.store.internal.DerbyOutbox;
import dev.wren.uplink.RequestHandler;
import dev.wren.uplink.Uplink.State;
import dev.wren.uplink.testing.Mosquitto;

/**
 * Requests from the cloud through a real broker: each handler's topic is subscribed by every
 * session, also for a handler that comes while connected, and what breaks the request contract is
 * dropped with a warning before it reaches a handler.
 */
class RequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    record Got(String id, String payload) {
    }

    static final class Recorder implements RequestHandler {
        final List<Got> got = new CopyOnWriteArrayList<>();

        @Override
        public void request(String id, byte[] payload) {
            got.add(new Got(id, new String(payload, StandardCharsets.UTF_8)));
        }
    }

    @Test
    void requestsReachTheirHandlerInOrderAndBadOnesAreDroppedWithAWarning() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Recorder deploy = new Recorder();
        Recorder other = new Recorder();
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).start();
                DerbyOutbox outbox = Outboxes.open(dir.resolve("outbox"));
                Requests requests = new Requests(i -> { }, warnings::add)) {
            requests.add("deploy", deploy);
            requests.add("Bad App", new Recorder());
            requests.add("deploy", new Recorder());
            Statuses statuses = new Statuses();
            try (Engine engine = new Engine(DeliveryTest.settings(broker, 10), outbox, new Counters(), statuses, requests)
                    .start()) {
                statuses.await(State.CONNECTED, WAIT);
                requests.add("other", other);
                MqttClient cloud = new MqttClient(broker.url(), "cloud", new MemoryPersistence());
                cloud.connect();
                await(() -> {
                    cloud.publish("wren/gw/other/req/probe", new byte[0], 1, false);
                    return !other.got.isEmpty();
                });
                for (int i = 0; i < 20; i++) {
                    cloud.publish("wren/gw/deploy/req/r" + i, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1, false);
                }
                cloud.publish("wren/gw/deploy/req/bad:id", new byte[1], 1, false);
                cloud.publish("wren/gw/deploy/req/huge", new byte[RequestHandler.MAX_PAYLOAD + 1], 1, false);
                cloud.publish("wren/gw/deploy/req/a/b", new byte[1], 1, false);
                cloud.publish("wren/gw/nobody/req/r1", new byte[1], 1, false);
                cloud.publish("wren/gw/deploy/req/last", "{}".getBytes(StandardCharsets.UTF_8), 1, false);
                await(() -> deploy.got.size() >= 21);
                cloud.disconnect();
                cloud.close();
            }
            List<String> ids = deploy.got.stream().map(Got::id).toList();
            assertEquals(21, ids.size(), "requests: " + ids);
            for (int i = 0; i < 20; i++) {
                assertEquals(new Got("r" + i, "{\"n\":" + i + "}"), deploy.got.get(i));
            }
            assertEquals("last", ids.get(20));
            assertTrue(warnings.stream().anyMatch(w -> w.contains("'Bad App' does not match")), warnings.toString());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("'deploy' is taken")), warnings.toString());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("id 'bad:id' does not match")), warnings.toString());
            assertTrue(warnings.stream().anyMatch(w -> w.contains("deploy/huge was dropped: 65537 bytes")), warnings.toString());
        }
    }

    interface Check {
        boolean done() throws Exception;
    }

    static void await(Check c) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!c.done()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT);
            }
            Thread.sleep(50);
        }
    }
}
