package dev.wren.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.store.Message;
import dev.wren.store.internal.DerbyOutbox;
import dev.wren.uplink.Uplink.State;
import dev.wren.uplink.testing.Mosquitto;
import dev.wren.uplink.testing.Subscriber;
import dev.wren.uplink.testing.Subscriber.Received;

/**
 * At-least-once delivery through a real broker that is down, or killed mid-drain. The cloud side
 * is a subscriber with a persistent session saved by the broker before the uplink starts, so
 * the broker keeps for it whatever arrives while it reconnects.
 */
class DeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @BeforeEach
    void broker() {
        assertTrue(Mosquitto.available(), "mosquitto is not installed at " + Mosquitto.BINARY + " (./wren test installs it)");
    }

    @Test
    void buffersWhileTheBrokerIsDownThenDrainsMostUrgentFirst() throws Exception {
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).persistence().start();
                DerbyOutbox outbox = Outboxes.open(dir.resolve("outbox"))) {
            Subscriber cloud = Subscriber.connect(broker, "cloud", false, "wren/gw/data/#");
            broker.stop();

            Statuses statuses = new Statuses();
            Counters counters = new Counters();
            String lostReason;
            try (Engine engine = new Engine(settings(broker, 50), outbox, counters, statuses).start()) {
                Status down = statuses.await(State.DISCONNECTED, WAIT);
                assertEquals("broker unreachable: Connection refused", down.reason());

                List<Message> messages = new ArrayList<>();
                for (int i = 0; i < 2_000; i++) {
                    int priority = i % 4 == 0 ? Message.ALERT : Message.TELEMETRY;
                    messages.add(new Message("data/" + (priority == Message.ALERT ? "alarm" : "reading"),
                            Outboxes.json("{\"n\":" + i + "}"), priority));
                }
                long[] ids = Outboxes.putAll(outbox, messages, 32);
                assertEquals(2_000, outbox.stats().stored());
                Thread.sleep(300);
                assertEquals(0, counters.sent(), "nothing is taken while disconnected");
                assertEquals(0, outbox.stats().inFlight());

                broker.start();
                statuses.await(State.CONNECTED, WAIT);
                assertTrue(cloud.awaitIds(boxed(ids), WAIT), "every message arrives");
                WireFormatTest.awaitStored(outbox, 0);

                Map<Long, Integer> priorityOf = new HashMap<>();
                for (int i = 0; i < ids.length; i++) {
                    priorityOf.put(ids[i], messages.get(i).priority());
                }
                List<Received> got = cloud.received();
                int lastAlert = -1;
                int firstReading = Integer.MAX_VALUE;
                for (int i = 0; i < got.size(); i++) {
                    if (priorityOf.get(got.get(i).id()) == Message.ALERT) {
                        lastAlert = i;
                    } else {
                        firstReading = Math.min(firstReading, i);
                    }
                }
                assertTrue(lastAlert < firstReading, "all alerts before any reading: last alert at " + lastAlert
                        + ", first reading at " + firstReading);
                assertEquals(2_000, got.size(), "no duplicates without a failure");
            } finally {
                cloud.close();
            }
        }
    }

    @Test
    void brokerKilledMidDrainLosesNothingAndResendsWithTheSameIds() throws Exception {
        int n = 10_000;
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).persistence().start();
                DerbyOutbox outbox = Outboxes.open(dir.resolve("outbox"));
                Subscriber cloud = Subscriber.connect(broker, "cloud", false, "wren/gw/data/#")) {
            broker.save();
            List<Message> messages = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                messages.add(new Message("data/reading", Outboxes.json("{\"n\":" + i + "}"), Message.TELEMETRY));
            }
            long[] ids = Outboxes.putAll(outbox, messages, 32);

            Statuses statuses = new Statuses();
            Counters counters = new Counters();
            String lostReason;
            try (Engine engine = new Engine(settings(broker, 50), outbox, counters, statuses).start()) {
                statuses.await(State.CONNECTED, WAIT);
                assertTrue(cloud.await(l -> l.size() >= n / 3, WAIT));
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (engine.inFlight() < 10 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                broker.kill();
                int lostAt = statuses.size();
                Status lost = statuses.await(0, s -> s.state() == State.DISCONNECTED, WAIT);
                assertTrue(lost.reason().startsWith("connection lost"), lost.reason());
                lostReason = lost.reason();
                statuses.await(lostAt, s -> s.reason().equals("broker unreachable: Connection refused"), WAIT);
                assertTrue(outbox.stats().stored() > 0, "the kill came mid-drain");
                assertEquals(0, outbox.stats().inFlight(), "everything in flight went back to the outbox");

                broker.start();
                statuses.await(lostAt, s -> s.state() == State.CONNECTED, WAIT);
                assertTrue(cloud.awaitIds(boxed(ids), WAIT), "every message arrives at least once");
                WireFormatTest.awaitStored(outbox, 0);
            }

            Map<Long, byte[]> first = new HashMap<>();
            int duplicates = 0;
            for (Received r : cloud.received()) {
                byte[] seen = first.putIfAbsent(r.id(), r.payload());
                if (seen != null) {
                    duplicates++;
                    assertArrayEquals(seen, r.payload(), "a duplicate is the same message, same id");
                }
            }
            assertEquals(n, first.size());
            assertTrue(outbox.stats().resent() > 0, "messages in flight at the kill were sent again: " + outbox.stats());
            assertTrue(counters.released() > 0);
            System.out.printf("kill mid-drain: %d messages, %d duplicates, %d resent (%s)%n", n, duplicates,
                    outbox.stats().resent(), lostReason);
        }
    }

    @Test
    void aClosedOutboxEndsSessionsWithGrowingWaits() throws Exception {
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).start()) {
            DerbyOutbox outbox = Outboxes.open(dir.resolve("outbox"));
            Statuses statuses = new Statuses();
            try (Engine engine = new Engine(settings(broker, 10), outbox, new Counters(), statuses).start()) {
                statuses.await(State.CONNECTED, WAIT);
                outbox.close();
                Status down = statuses.await(State.DISCONNECTED, WAIT);
                assertEquals("outbox unavailable: the outbox is closed", down.reason());
                Status again = statuses.await(0, s -> s.state() == State.DISCONNECTED && s.failures() >= 3, WAIT);
                assertEquals(down.reason(), again.reason());
            }
        }
    }

    static Settings settings(Mosquitto broker, int window) {
        return Configs.settings(Map.of("broker.url", broker.url(), "gateway.id", "gw", "inflight.window", window,
                "batch.size", window, "backoff.initial.ms", 100L, "backoff.max.ms", 400L, "jitter", 0.0));
    }

    static List<Long> boxed(long[] ids) {
        List<Long> out = new ArrayList<>(ids.length);
        for (long id : ids) {
            out.add(id);
        }
        return out;
    }
}
