package dev.wren.store.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.store.Message;
import dev.wren.store.OutboxException;
import dev.wren.store.Stored;

/** A relayed message keeps where it was first accepted, across a restart, and a database made before relays opens. */
class OriginTest {

    @TempDir
    Path dir;

    @Test
    void aRelayedMessageKeepsItsOriginAcrossARestartBesideThisGatewaysOwn() throws Exception {
        Message.Origin origin = new Message.Origin("gw-a", 42, 1_763_798_400_000L);
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS)) {
            outbox.put(new Message("air/temperature", "{\"t\":1}".getBytes(UTF_8), Message.TELEMETRY, 0, origin));
            outbox.put(new Message("air/temperature", "{\"t\":2}".getBytes(UTF_8), Message.TELEMETRY));
        }
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS)) {
            List<Stored> taken = outbox.take(10, 1, TimeUnit.SECONDS);
            assertEquals(3, taken.size(), "the relayed one, this gateway's own and the report of the relayed id");
            Stored report = taken.get(0);
            assertEquals(origin, taken.get(1).message().origin());
            assertEquals(1, taken.get(1).id());
            assertNull(taken.get(2).message().origin());
            assertEquals(dev.wren.store.Outbox.CHANNEL_GAPS, report.message().channel());
            assertEquals("{\"relayed\":[[1,1]]}", new String(report.message().payload(), UTF_8),
                    "id 1 carried gw-a's message: the cloud must not wait for it in this gateway's sequence");
        }
    }

    @Test
    void anOriginThatIsNotAGatewayIdIsRefusedAtPut() throws Exception {
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS)) {
            for (Message.Origin bad : List.of(new Message.Origin("gw a", 1, 1), new Message.Origin("", 1, 1),
                    new Message.Origin("gw-a", 0, 1), new Message.Origin("x".repeat(65), 1, 1))) {
                OutboxException e = assertThrows(OutboxException.class, () -> outbox.put(
                        new Message("air/t", "{}".getBytes(UTF_8), Message.TELEMETRY, 0, bad)));
                assertEquals(OutboxException.Reason.INVALID, e.reason(), e.getMessage());
                assertTrue(e.getMessage().contains("origin"), e.getMessage());
            }
            assertEquals(0, outbox.stats().stored());
        }
    }

    @Test
    void aDatabaseMadeBeforeRelaysGetsTheColumnAndKeepsItsMessagesAsThisGatewaysOwn() throws Exception {
        Path db = dir.resolve("db").toAbsolutePath();
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS)) {
            outbox.put(new Message("air/t", "{\"t\":1}".getBytes(UTF_8), Message.TELEMETRY));
        }
        String url = "jdbc:derby:" + db;
        try (Connection c = Database.driver().connect(url, new Properties()); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE outbox DROP COLUMN origin");
        }
        try {
            Database.driver().connect(url + ";shutdown=true", new Properties());
        } catch (java.sql.SQLException expected) {
            // 08006: shut down
        }
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS)) {
            outbox.put(new Message("air/t", "{\"t\":2}".getBytes(UTF_8), Message.TELEMETRY, 0,
                    new Message.Origin("gw-b", 7, 1)));
            List<Stored> taken = outbox.take(10, 1, TimeUnit.SECONDS).stream()
                    .filter(m -> !m.message().channel().equals(dev.wren.store.Outbox.CHANNEL_GAPS)).toList();
            assertEquals(2, taken.size());
            assertNull(taken.get(0).message().origin());
            assertEquals("gw-b", taken.get(1).message().origin().gateway());
        }
    }
}
