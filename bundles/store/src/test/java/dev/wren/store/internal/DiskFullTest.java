package dev.wren.store.internal;

import static dev.wren.store.internal.OutboxTest.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.store.Message;
import dev.wren.store.OutboxException;
import dev.wren.store.OutboxException.Reason;
import dev.wren.store.Stored;
import dev.wren.store.testing.SequenceChecker;

/** The outbox on a real, small file system that fills up and empties again. */
class DiskFullTest {

    @TempDir
    Path dir;

    @Test
    void onAFullDiskAlertsEvictTelemetryAndOnceThereIsRoomTheOutboxIsItselfAgain() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("small"), 8)) {
            List<String> said = Collections.synchronizedList(new ArrayList<>());
            SequenceChecker cloud = new SequenceChecker();
            String page = "x".repeat(4000);
            try (DerbyOutbox outbox = DerbyOutbox.open(disk.path().resolve("outbox"),
                    new OutboxLimits(1L << 30, 10_000_000, 16_000, true),
                    (kind, message, properties) -> said.add(kind + " " + message), DerbyOutbox.RESERVE_BYTES)) {
                assertEquals(DerbyOutbox.RESERVE_BYTES, Files.size(disk.path().resolve("outbox/reserve")));
                for (int i = 0; i < 100; i++) {
                    outbox.put(msg("t", Message.TELEMETRY, "t" + i + page));
                }
                disk.fill("filler");
                for (int i = 0; i < 300; i++) {
                    try {
                        outbox.put(msg("t", Message.TELEMETRY, "full" + i + page));
                    } catch (OutboxException e) {
                        throw new AssertionError("put " + i + " on the full disk: " + e.getMessage() + "; " + said, e);
                    }
                }
                for (int i = 0; i < 50; i++) {
                    outbox.put(msg("alert", Message.ALERT, "a" + i + page));
                }
                assertEquals(1, said.stream().filter(s -> s.startsWith("DISK_FULL")).count(), "once: " + said);
                assertTrue(outbox.stats().evicted() > 0, "room was made by evicting: " + outbox.stats() + " " + said);
                OutboxException bulk = assertThrows(OutboxException.class,
                        () -> outbox.put(msg("b", Message.LOWEST, "b" + page)));
                assertEquals(Reason.FULL, bulk.reason(), bulk.getMessage());
                assertTrue(bulk.getMessage().contains("the disk is full"), bulk.getMessage());

                disk.free("filler");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (said.stream().noneMatch(s -> s.startsWith("RECOVERED Outbox disk has room"))
                        && System.nanoTime() < deadline) {
                    outbox.put(msg("t", Message.TELEMETRY, "after" + page));
                    Thread.sleep(100);
                }
                assertTrue(said.stream().anyMatch(s -> s.startsWith("RECOVERED Outbox disk has room")), said.toString());
                assertEquals(DerbyOutbox.RESERVE_BYTES, Files.size(disk.path().resolve("outbox/reserve")), "reserve back");
                long evicted = outbox.stats().evicted();
                for (int i = 0; i < 20; i++) {
                    outbox.put(msg("b", Message.LOWEST, "b" + i));
                }
                assertEquals(evicted, outbox.stats().evicted(), "no more evictions with room on the disk");

                long delivered = 0;
                List<Stored> got;
                while (!(got = outbox.take(200, 6, TimeUnit.SECONDS)).isEmpty()) {
                    for (Stored s : got) {
                        cloud.message("wren/gw/" + s.message().channel(), DamageScenario.wire(s));
                        outbox.acknowledge(s.id());
                        delivered++;
                    }
                }
                SequenceChecker.Verdict v = cloud.verdict();
                assertEquals(0, v.missing(), "every id delivered or reported evicted: " + v);
                assertEquals(0, v.duplicates(), "nothing twice: " + v);
                assertEquals(outbox.stats().evicted(), v.evicted(), "every eviction reported: " + v);
                assertTrue(delivered > 70, "the alerts and what was not evicted: " + delivered);
            }
        }
    }
}
