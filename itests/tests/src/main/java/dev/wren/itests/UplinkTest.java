package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.uplink.Uplink;
import dev.wren.uplink.Uplink.State;
import dev.wren.uplink.testing.Mosquitto;
import dev.wren.uplink.testing.Subscriber;

/**
 * Readings travel from a sensor through the outbox and the uplink to a real mosquitto broker
 * started by the test, wait in the outbox while the broker is down, and all arrive afterwards.
 */
class UplinkTest extends GatewayTestBase {

    private static final String TOPICS = "wren/it-gw/";
    private static final String CONFIGURABLE = "org.eclipse.kura.configuration.ConfigurableComponent";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @InjectService(timeout = 20_000)
    Uplink uplink;

    @InjectService(timeout = 20_000)
    Outbox outbox;

    @InjectService(timeout = 20_000)
    LogReaderService logReader;

    @TempDir
    Path dir;

    @AfterEach
    void restore() throws Exception {
        Gateway.configure(cm);
        Gateway.await("the uplink disabled again", () -> uplink.state() == State.DISABLED);
    }

    @Test
    void withoutABrokerTheUplinkIsDisabledAndReadingsStayInTheOutbox() throws Exception {
        assertEquals(State.DISABLED, uplink.state());
        assertTrue(uplink.reason().contains("broker.url is empty"), uplink.reason());
        ServiceReference<Uplink> ref = context.getServiceReference(Uplink.class);
        assertEquals("DISABLED", ref.getProperty(Uplink.STATE));
        assertEquals(Boolean.FALSE, ref.getProperty(Uplink.CONNECTED));
        long stored = outbox.stats().stored();
        Gateway.await("readings kept", () -> outbox.stats().stored() >= stored + 2);
        assertEquals(0, outbox.stats().inFlight());
    }

    @Test
    void readingsReachTheBrokerAndThoseStoredWhileItIsDownFollowWhenItReturns() throws Exception {
        assertTrue(Mosquitto.available(), "mosquitto is not installed at " + Mosquitto.BINARY);
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).persistence().start();
                Subscriber cloud = Subscriber.connect(broker, "cloud-it", false, TOPICS + "#")) {
            broker.save();
            connect(broker, "wren", "pa55-" + System.nanoTime());
            Gateway.await("the uplink connected", () -> uplink.state() == State.CONNECTED, uplink::reason);
            assertEquals(Boolean.TRUE, context.getServiceReference(Uplink.class).getProperty(Uplink.CONNECTED));
            String topic = TOPICS + Gateway.SENSOR_ID;
            assertTrue(cloud.await(l -> l.stream().filter(r -> r.topic().equals(topic)).count() >= 3, WAIT),
                    "health readings on " + topic + ": " + cloud.received());
            String json = cloud.received().stream().filter(r -> r.topic().equals(topic)).findFirst().orElseThrow().text();
            assertTrue(json.matches("\\{\"id\":\\d+,.*\"sensor\":\"" + Gateway.SENSOR_ID + "\".*"), json);

            broker.stop();
            Gateway.await("the uplink disconnected", () -> uplink.state() == State.DISCONNECTED, uplink::reason);
            long stored = outbox.stats().stored();
            Gateway.await("readings kept while the broker is down", () -> outbox.stats().stored() >= stored + 3);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(outbox.put(new Message("direct/" + i, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                        i % 2 == 0 ? Message.ALERT : Message.TELEMETRY)));
            }

            broker.start();
            Gateway.await("the uplink connected again", () -> uplink.state() == State.CONNECTED, uplink::reason);
            assertTrue(cloud.awaitIds(ids, WAIT), "every message put while the broker was down arrived: " + ids
                    + ", got " + cloud.distinctIds());
            Gateway.await("the backlog drained", () -> outbox.stats().stored() <= 2, () -> outbox.stats());
        }
    }

    @Test
    void inALeanPowerModeTheUplinkConnectsInWindowsAndWhatWaitsGoesAtTheNext() throws Exception {
        assertTrue(Mosquitto.available(), "mosquitto is not installed at " + Mosquitto.BINARY);
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).persistence().start();
                Subscriber cloud = Subscriber.connect(broker, "cloud-duty", false, TOPICS + "#")) {
            broker.save();
            Gateway.update(cm.getConfiguration(Gateway.POWER, "?"), Map.of("sensors.target", "(sensor.id=battery-it)",
                    "mode.override", "DEGRADED", "dwell.s", 1L));
            Map<String, Object> c = new HashMap<>(Map.of("broker.url", broker.url(), "gateway.id", "it-gw",
                    "backoff.initial.ms", 100L, "backoff.max.ms", 500L, "degraded.interval.s", 2L));
            Gateway.update(cm.getConfiguration(Gateway.UPLINK, "?"), c);
            ServiceReference<Uplink> ref = context.getServiceReference(Uplink.class);
            Gateway.await("idle after draining", () -> Boolean.TRUE.equals(ref.getProperty(Uplink.IDLE)), uplink::reason);
            assertEquals(State.DISCONNECTED, uplink.state());
            assertTrue(uplink.reason().startsWith("idle to save power in DEGRADED mode"), uplink.reason());
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(outbox.put(new Message("duty/" + i, "{}".getBytes(StandardCharsets.UTF_8), Message.EVENT)));
            }
            assertTrue(cloud.awaitIds(ids, WAIT), "the messages put while idle arrive in the next window");
            Gateway.await("idle again", () -> Boolean.TRUE.equals(ref.getProperty(Uplink.IDLE)), uplink::reason);
        }
    }

    @Test
    void thePasswordIsNeverAServiceProperty() throws Exception {
        String secret = "pa55-" + System.nanoTime();
        connect(null, "wren", secret);
        Gateway.await("the uplink trying its broker", () -> uplink.state() != State.DISABLED, uplink::reason);
        for (ServiceReference<?> ref : context.getAllServiceReferences(null, null)) {
            for (String key : ref.getPropertyKeys()) {
                Object value = ref.getProperty(key);
                String text = value instanceof Object[] a ? Arrays.toString(a) : String.valueOf(value);
                assertFalse(text.contains(secret), "service " + ref + " shows the password as " + key);
            }
        }
        ServiceReference<?>[] configurable = context.getServiceReferences(CONFIGURABLE,
                "(service.pid=" + Gateway.UPLINK + ")");
        assertEquals(1, configurable.length, "the uplink in the configurable components");
        assertEquals("wren", configurable[0].getProperty("username"));
    }

    @Test
    void refusedUplinkConfigurationIsNamed() throws Exception {
        try (LogWatch log = new LogWatch(logReader)) {
            Gateway.update(cm.getConfiguration(Gateway.UPLINK, "?"), Map.of("broker.url", "http://127.0.0.1:1883",
                    "gateway.id", "it-gw"));
            Gateway.await("an error naming broker.url", () -> log.hasError("broker.url: must be tcp://host[:port]"));
            assertEquals(State.DISABLED, uplink.state());
        }
    }

    /** Points the uplink at {@code broker} (null = a closed loopback port) with fast retries. */
    private void connect(Mosquitto broker, String user, String password) throws Exception {
        Map<String, Object> c = new HashMap<>();
        c.put("broker.url", broker != null ? broker.url() : "tcp://127.0.0.1:1");
        c.put("gateway.id", "it-gw");
        c.put("username", user);
        c.put("password", Gateway.secret(context, password));
        c.put("backoff.initial.ms", 100L);
        c.put("backoff.max.ms", 500L);
        Gateway.update(cm.getConfiguration(Gateway.UPLINK, "?"), c);
    }

}
