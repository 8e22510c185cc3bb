package dev.wren.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.store.Message;
import dev.wren.store.internal.DerbyOutbox;
import dev.wren.uplink.Uplink.State;
import dev.wren.uplink.testing.Mosquitto;
import dev.wren.uplink.testing.Subscriber;
import dev.wren.uplink.testing.Subscriber.Received;

/** What reaches a real broker: topics from the template, payloads with the id fields first, birth and offline. */
class WireFormatTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern HEAD = Pattern.compile("^\\{\"id\":(\\d+),\"ts\":(\\d+)(.*)$", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void topicTemplatePayloadBirthAndOffline() throws Exception {
        assertTrue(Mosquitto.available(), "mosquitto is not installed at " + Mosquitto.BINARY + " (./wren test installs it)");
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).start();
                DerbyOutbox outbox = Outboxes.open(dir.resolve("outbox"));
                Subscriber sub = Subscriber.connect(broker, "watcher", true, "t/#", "pfx/+/state")) {
            long before = System.currentTimeMillis();
            long air = outbox.put(new Message("air/temperature", Outboxes.json("{\"v\":21.5,\"unit\":\"degC\"}"),
                    Message.TELEMETRY));
            long door = outbox.put(new Message("door", Outboxes.json("{}"), Message.TELEMETRY));
            long spaced = outbox.put(new Message("door", Outboxes.json("  { \"open\" : true }\n"), Message.TELEMETRY));
            long after = System.currentTimeMillis();

            Statuses statuses = new Statuses();
            Settings settings = Configs.settings(Map.of("broker.url", broker.url(), "gateway.id", "gw-1",
                    "topic.prefix", "pfx", "topic.template", "t/{gateway}/x/{channel}"));
            try (Engine engine = new Engine(settings, outbox, new Counters(), statuses).start()) {
                statuses.await(State.CONNECTED, WAIT);
                assertTrue(sub.await(l -> l.size() >= 4, WAIT), "birth and 3 messages arrive: " + sub.received());
                List<Received> got = sub.received();

                Received birth = got.get(0);
                assertEquals("pfx/gw-1/state", birth.topic());
                assertTrue(birth.text().matches("\\{\"online\":true,\"ts\":\\d+,\"gateway\":\"gw-1\"\\}"), birth.text());

                assertEquals("t/gw-1/x/air/temperature", got.get(1).topic());
                assertWire(got.get(1), air, before, after, ",\"v\":21.5,\"unit\":\"degC\"}");
                assertEquals("t/gw-1/x/door", got.get(2).topic());
                assertWire(got.get(2), door, before, after, "}");
                assertWire(got.get(3), spaced, before, after, ", \"open\" : true }\n");

                try (Subscriber late = Subscriber.connect(broker, "late", true, "pfx/+/state")) {
                    assertTrue(late.await(l -> !l.isEmpty(), WAIT));
                    assertTrue(late.received().get(0).retained(), "the birth message is retained");
                    assertTrue(late.received().get(0).text().startsWith("{\"online\":true"));
                }
            }
            try (Subscriber last = Subscriber.connect(broker, "last", true, "pfx/+/state")) {
                assertTrue(last.await(l -> !l.isEmpty(), WAIT));
                assertTrue(last.received().get(0).text().matches("\\{\"online\":false,\"ts\":\\d+\\}"),
                        "closing sets the retained state offline: " + last.received().get(0).text());
            }
            assertEquals(0, outbox.stats().inFlight());
            awaitStored(outbox, 0);
        }
    }

    private static void assertWire(Received r, long id, long before, long after, String rest) {
        Matcher m = HEAD.matcher(r.text());
        assertTrue(m.matches(), r.text());
        assertEquals(id, Long.parseLong(m.group(1)));
        long ts = Long.parseLong(m.group(2));
        assertTrue(ts >= before && ts <= after, "ts is when the outbox accepted the message: " + ts);
        assertEquals(rest, m.group(3));
        assertFalse(r.duplicate());
    }

    static void awaitStored(DerbyOutbox outbox, long n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (outbox.stats().stored() != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("outbox holds " + outbox.stats() + ", expected " + n);
            }
            Thread.sleep(10);
        }
    }
}
