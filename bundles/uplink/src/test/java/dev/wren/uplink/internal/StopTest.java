package dev.wren.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.store.Message;
import dev.wren.store.internal.DerbyOutbox;
import dev.wren.uplink.Uplink.State;
import dev.wren.uplink.testing.Mosquitto;
import dev.wren.uplink.testing.Subscriber;
import dev.wren.uplink.testing.Subscriber.Received;

/**
 * Closing the engine mid-drain, as a stopping framework does: the offline state message (not the
 * last will) is the state topic's last word, the in-flight acknowledgements land in the outbox,
 * and a later connection sends only what was never acknowledged.
 */
class StopTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MESSAGES = 5_000;

    @TempDir
    Path dir;

    @Test
    void closingMidDrainPublishesOfflineLetsAcknowledgementsLandAndResendsNothingAcknowledged() throws Exception {
        assertTrue(Mosquitto.available(), "mosquitto is not installed at " + Mosquitto.BINARY + " (./wren test installs it)");
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).start();
                DerbyOutbox outbox = Outboxes.open(dir.resolve("outbox"));
                Subscriber sub = Subscriber.connect(broker, "watcher", true, "wren/#")) {
            List<Message> backlog = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                backlog.add(new Message("m", Outboxes.json("{\"n\":" + i + "}"), Message.TELEMETRY));
            }
            Outboxes.putAll(outbox, backlog, 4);
            Settings settings = Configs.settings(Map.of("broker.url", broker.url(), "gateway.id", "gw-1",
                    "inflight.window", 200, "batch.size", 200));

            Statuses statuses = new Statuses();
            Engine engine = new Engine(settings, outbox, new Counters(), statuses).start();
            statuses.await(State.CONNECTED, WAIT);
            assertTrue(sub.await(l -> l.size() > MESSAGES / 10, WAIT), "draining: " + sub.count());
            engine.close();
            Session.Closed closed = engine.closed();
            assertNotNull(closed, "the engine was connected when closed");
            assertTrue(closed.offline(), "the offline state message was acknowledged: " + closed);
            assertEquals(0, outbox.stats().inFlight(), "every message was acknowledged or given back");

            List<Received> first = sub.received();
            Received lastState = first.stream().filter(r -> r.topic().equals("wren/gw-1/state"))
                    .reduce((a, b) -> b).orElseThrow();
            assertTrue(lastState.text().matches("\\{\"online\":false,\"ts\":\\d+\\}"),
                    "the documented offline message, not the will: " + lastState.text());
            Set<Long> delivered = ids(first);
            assertEquals(MESSAGES - delivered.size(), outbox.stats().stored(),
                    "everything the broker delivered was acknowledged to the outbox: " + closed);

            try (Engine again = new Engine(settings, outbox, new Counters(), new Statuses()).start()) {
                WireFormatTest.awaitStored(outbox, 0);
                assertTrue(sub.await(l -> ids(l).size() == MESSAGES, WAIT), "all arrive: " + ids(sub.received()).size());
            }
            List<Received> all = sub.received();
            Set<Long> second = ids(all.subList(first.size(), all.size()));
            second.retainAll(delivered);
            assertEquals(Set.of(), second, "nothing acknowledged before the stop is sent again");
        }
    }

    private static Set<Long> ids(List<Received> received) {
        Set<Long> ids = new HashSet<>();
        for (Received r : received) {
            if (!r.topic().endsWith("/state")) {
                ids.add(r.id());
            }
        }
        return ids;
    }
}
