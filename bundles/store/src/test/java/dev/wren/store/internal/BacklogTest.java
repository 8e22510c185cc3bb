package dev.wren.store.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.store.Backlog;
import dev.wren.store.Message;
import dev.wren.store.Stored;

class BacklogTest {

    @TempDir
    Path dir;

    @Test
    void depthPerPriorityAndTheOldestStoredFollowTheContent() throws Exception {
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS)) {
            long before = System.currentTimeMillis();
            outbox.put(new Message("pump/condition", "{\"a\":1}".getBytes(UTF_8), Message.ALERT));
            Thread.sleep(20);
            long between = System.currentTimeMillis();
            outbox.put(new Message("air/temperature", "{\"t\":21.5}".getBytes(UTF_8), Message.TELEMETRY));
            outbox.put(new Message("air/temperature", "{\"t\":21.6}".getBytes(UTF_8), Message.TELEMETRY));
            long after = System.currentTimeMillis();

            Backlog b = outbox.backlog();
            assertEquals(Message.LOWEST + 1, b.levels().size());
            Backlog.Level alert = b.levels().get(Message.ALERT);
            Backlog.Level telemetry = b.levels().get(Message.TELEMETRY);
            assertEquals(1, alert.messages());
            assertEquals(7, alert.bytes());
            assertEquals(2, telemetry.messages());
            assertEquals(20, telemetry.bytes());
            assertTrue(alert.oldest() >= before && alert.oldest() <= between, "alert stored at " + alert.oldest());
            assertTrue(telemetry.oldest() >= between && telemetry.oldest() <= after, "telemetry at " + telemetry.oldest());
            assertEquals(alert.oldest(), b.oldest());
            assertEquals(0, b.levels().get(Message.BULK).oldest());

            List<Stored> taken = outbox.take(1, 2, TimeUnit.SECONDS);
            assertEquals(Message.ALERT, taken.get(0).message().priority());
            assertEquals(1, outbox.backlog().levels().get(Message.ALERT).messages(), "in flight is still held");
            outbox.acknowledge(taken.get(0).id());
            long deadline = System.currentTimeMillis() + 10_000;
            while (outbox.backlog().levels().get(Message.ALERT).messages() != 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Backlog drained = outbox.backlog();
            assertEquals(0, drained.levels().get(Message.ALERT).messages());
            assertEquals(0, drained.levels().get(Message.ALERT).oldest());
            assertEquals(telemetry.oldest(), drained.oldest());
        }
    }
}
