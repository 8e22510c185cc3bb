package dev.wren.itests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.store.OutboxException;
import dev.wren.store.Stored;

/** Readings reach the durable outbox through the outbox sink; bad input is refused and named. */
class OutboxTest extends GatewayTestBase {

    @InjectService(timeout = 20_000)
    Outbox outbox;

    @InjectService(timeout = 20_000)
    LogReaderService logReader;

    @AfterEach
    void restore() throws Exception {
        Gateway.configure(cm);
    }

    @Test
    void readingsOfTheChosenSensorsAreStoredDurablyWithTheirIds() throws Exception {
        long before = outbox.stats().accepted();
        Gateway.await("health readings in the outbox", () -> outbox.stats().accepted() >= before + 3);
        List<Stored> got = outbox.take(100_000, 5, TimeUnit.SECONDS);
        try {
            assertFalse(got.isEmpty());
            Stored s = got.stream().filter(m -> m.message().channel().equals(Gateway.SENSOR_ID)).findFirst()
                    .orElseThrow(() -> new AssertionError("no message on channel " + Gateway.SENSOR_ID + ": " + got));
            String json = new String(s.message().payload(), UTF_8);
            assertTrue(json.startsWith("{\"sensor\":\"" + Gateway.SENSOR_ID + "\",\"values\":{"), json);
            assertEquals(Message.TELEMETRY, s.message().priority());
            assertTrue(s.id() > 0);
        } finally {
            got.forEach(m -> outbox.release(m.id()));
        }
    }

    @Test
    void aBadMessageIsRefusedAtPutAndNothingElseIsAffected() throws Exception {
        long stored = outbox.stats().accepted();
        OutboxException e = org.junit.jupiter.api.Assertions.assertThrows(OutboxException.class,
                () -> outbox.put(new Message("air/#", "{}".getBytes(UTF_8), 5)));
        assertEquals(OutboxException.Reason.INVALID, e.reason());
        assertTrue(e.getMessage().contains("wildcard #"), e.getMessage());
        Gateway.await("readings still stored", () -> outbox.stats().accepted() >= stored + 2);
    }

    @Test
    void refusedOutboxConfigurationIsNamedAndTheLastGoodOneKept() throws Exception {
        try (LogWatch log = new LogWatch(logReader)) {
            Gateway.update(cm.getConfiguration(Gateway.OUTBOX, "?"), Map.of("max.count", 100_000L, "when.full", "drop"));
            Gateway.await("a refusal naming when.full",
                    () -> log.hasWarning("Configuration " + Gateway.OUTBOX + ": when.full refused ("));
            Gateway.update(cm.getFactoryConfiguration(Gateway.OUTBOX_SINK, "it", "?"), Map.of(
                    "sensors.target", "(sensor.id=" + Gateway.SENSOR_ID + ")", "priority", 12L, "channel", "{sensor}"));
            Gateway.await("a refusal naming priority", () -> log.has(": priority refused ("));
            long before = outbox.stats().accepted();
            Gateway.await("readings still stored", () -> outbox.stats().accepted() >= before + 2);
        }
    }
}
