package dev.wren.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.store.Message;
import dev.wren.store.internal.DerbyOutbox;
import dev.wren.uplink.testing.Publisher;
import dev.wren.uplink.testing.Publisher.Mode;

/**
 * Draining Wren's Derby outbox through a Kura CloudPublisher: a message leaves the outbox only
 * when its delivery is confirmed; unconfirmed ones are sent again after the timeout, refused ones
 * stay and are retried, a lost connection pauses the drain.
 */
class CloudDrainTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<String> troubles = new CopyOnWriteArrayList<>();
    private final CloudDrain.Listener listener = new CloudDrain.Listener() {
        @Override
        public void trouble(String what) {
            troubles.add(what);
        }

        @Override
        public void fine(String what) {
        }
    };

    @AfterEach
    void noCloudDrainerLeft() {
        Drainers.cloudEnabled(false);
        Drainers.mqttStopped();
    }

    @Test
    void confirmedMessagesLeaveTheOutboxAndCarryTheMqttPathsJson() throws Exception {
        try (DerbyOutbox outbox = Outboxes.open(dir.resolve("outbox"));
                Publisher cloud = new Publisher(Mode.CONFIRM)) {
            long[] ids = put(outbox, 500);
            assertEquals(500, outbox.stats().stored());
            try (CloudDrain drain = new CloudDrain(cloud, outbox, settings(7, 60_000), listener).start()) {
                WireFormatTest.awaitStored(outbox, 0);
                assertEquals(0, drain.inFlight());
            }
            for (long id : ids) {
                assertEquals(1, cloud.copies(id), "message " + id + " handed over once");
            }
            Publisher.Sent first = cloud.sent().get(0);
            assertEquals("cloud/data", first.channel());
            assertTrue(first.body().matches("\\{\"id\":" + ids[0] + ",\"ts\":\\d+,\"n\":0}"), first.body());
            assertEquals(500, outbox.stats().delivered());
            assertEquals(0, cloud.listeners(), "listeners unregistered when the drain closes");
        }
    }

    @Test
    void unconfirmedMessagesStayInTheOutboxAndAreSentAgainAfterTheTimeout() throws Exception {
        try (DerbyOutbox outbox = Outboxes.open(dir.resolve("outbox"));
                Publisher cloud = new Publisher(Mode.NEVER)) {
            long[] ids = put(outbox, 8);
            try (CloudDrain drain = new CloudDrain(cloud, outbox, settings(10, 1_000), listener).start()) {
                assertTrue(Publisher.await(() -> cloud.copies(ids[ids.length - 1]) >= 2, WAIT),
                        "the last message sent again: " + cloud.sent().size() + " handed over");
                assertEquals(8, outbox.stats().stored(), "nothing deleted without a confirmation");
                assertEquals(0, outbox.stats().delivered());
                for (long id : ids) {
                    assertTrue(cloud.copies(id) >= 2, "message " + id + " sent again");
                }
                assertTrue(troubles.stream().anyMatch(t -> t.contains("not confirmed within 1 s given back")), troubles.toString());

                cloud.mode(Mode.CONFIRM);
                WireFormatTest.awaitStored(outbox, 0);
            }
        }
    }

    @Test
    void aRefusingPublisherLosesNothingAndIsRetried() throws Exception {
        try (DerbyOutbox outbox = Outboxes.open(dir.resolve("outbox"));
                Publisher cloud = new Publisher(Mode.REFUSE)) {
            long[] ids = put(outbox, 40);
            try (CloudDrain drain = new CloudDrain(cloud, outbox, settings(10, 60_000), listener).start()) {
                assertTrue(Publisher.await(() -> cloud.refused() >= 3, WAIT), "retried after each refusal");
                assertEquals(40, outbox.stats().stored(), "nothing lost");
                assertTrue(Publisher.await(() -> outbox.stats().inFlight() == 0, WAIT), "the refused batch given back");
                assertTrue(troubles.get(0).startsWith("the CloudPublisher refused a message (NOT_CONNECTED"), troubles.get(0));

                cloud.mode(Mode.CONFIRM);
                WireFormatTest.awaitStored(outbox, 0);
            }
            for (long id : ids) {
                assertEquals(1, cloud.copies(id));
            }
        }
    }

    @Test
    void aLostConnectionPausesTheDrainUntilItIsEstablished() throws Exception {
        try (DerbyOutbox outbox = Outboxes.open(dir.resolve("outbox"));
                Publisher cloud = new Publisher(Mode.CONFIRM)) {
            try (CloudDrain drain = new CloudDrain(cloud, outbox, settings(10, 60_000), listener).start()) {
                assertTrue(Publisher.await(() -> cloud.listeners() == 2, WAIT));
                cloud.lose();
                put(outbox, 20);
                // the drain would have taken them within its 200 ms wait had it not paused
                assertFalse(Publisher.await(() -> !cloud.sent().isEmpty(), Duration.ofMillis(600)));
                assertEquals(20, outbox.stats().stored());
                cloud.establish();
                WireFormatTest.awaitStored(outbox, 0);
            }
        }
    }

    @Test
    void theCloudDrainWaitsUntilTheMqttEngineHasStopped() throws Exception {
        try (DerbyOutbox outbox = Outboxes.open(dir.resolve("outbox"));
                Publisher cloud = new Publisher(Mode.CONFIRM)) {
            assertTrue(Drainers.tryMqtt(), "an MQTT engine may start while the cloud one is off");
            Drainers.cloudEnabled(true);
            assertFalse(Drainers.tryMqtt(), "no MQTT engine starts while the cloud one is on");
            Drainers.cloudEnabled(false);
            assertTrue(Drainers.tryMqtt());
            Drainers.cloudEnabled(true);
            put(outbox, 10);
            try (CloudDrain drain = new CloudDrain(cloud, outbox, settings(10, 60_000), listener).start()) {
                assertFalse(Publisher.await(() -> !cloud.sent().isEmpty(), Duration.ofMillis(600)),
                        "nothing taken while the MQTT engine still runs");
                Drainers.mqttStopped();
                WireFormatTest.awaitStored(outbox, 0);
            }
        }
    }

    private static CloudSettings settings(int window, long timeoutMs) {
        return new CloudSettings(true, window, timeoutMs, 50);
    }

    private static long[] put(DerbyOutbox outbox, int n) throws Exception {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            messages.add(new Message("cloud/data", Outboxes.json("{\"n\":" + i + "}"), Message.TELEMETRY));
        }
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = outbox.put(messages.get(i));
        }
        return ids;
    }
}
