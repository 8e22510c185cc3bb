package dev.wren.store.internal;

import static dev.wren.store.internal.OutboxTest.msg;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.store.Stored;
import dev.wren.store.testing.SequenceChecker;

/** Ids are a sequence a consumer can check: no jump at a restart, every gap reported. */
class SequenceTest {

    @TempDir
    Path dir;

    @Test
    void idsGoOnWithoutAJumpAfterAStopAndAfterAKill() throws Exception {
        long last;
        try (DerbyOutbox outbox = DerbyOutbox.open(dir.resolve("a"), OutboxLimits.DEFAULTS)) {
            assertEquals(1, outbox.put(msg("a", 5, "first")));
            last = outbox.put(msg("a", 5, "second"));
        }
        try (DerbyOutbox outbox = DerbyOutbox.open(dir.resolve("a"), OutboxLimits.DEFAULTS)) {
            assertEquals(last + 1, outbox.put(msg("a", 5, "after a stop")));
            last = outbox.put(msg("a", 5, "before a kill"));
            for (Stored s : outbox.take(10, 1, TimeUnit.SECONDS)) {
                outbox.acknowledge(s.id());
            }
            last = outbox.put(msg("a", 5, "acknowledged ones deleted"));
            DamageScenario.copy(dir.resolve("a"), dir.resolve("killed"));
        }
        try (DerbyOutbox outbox = DerbyOutbox.open(dir.resolve("killed"), OutboxLimits.DEFAULTS)) {
            assertEquals(last + 1, outbox.put(msg("a", 5, "after a kill")),
                    "the highest id is kept with the rows, so deleting them all does not rewind the sequence");
        }
    }

    @Test
    void evictedAndExpiredIdsAreReportedSoEveryGapIsExplained() throws Exception {
        SequenceChecker cloud = new SequenceChecker();
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, new OutboxLimits(1 << 20, 5, 1024, true))) {
            for (int i = 0; i < 12; i++) {
                outbox.put(msg("t", Message.TELEMETRY, "t" + i));
            }
            outbox.put(new Message("short", "{}".getBytes(UTF_8), Message.EVENT, 50));
            Thread.sleep(100);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int reports = 0;
            while (System.nanoTime() < deadline) {
                for (Stored s : outbox.take(100, 200, TimeUnit.MILLISECONDS)) {
                    cloud.message("wren/gw/" + s.message().channel(), DamageScenario.wire(s));
                    outbox.acknowledge(s.id());
                    reports += s.message().channel().equals(Outbox.CHANNEL_GAPS) ? 1 : 0;
                }
                SequenceChecker.Verdict v = cloud.verdict();
                if (v.missing() == 0 && v.evicted() == outbox.stats().evicted() && v.expired() == outbox.stats().expired()
                        && v.expired() > 0) {
                    break;
                }
            }
            SequenceChecker.Verdict v = cloud.verdict();
            assertEquals(0, v.missing(), v.toString());
            assertEquals(outbox.stats().evicted(), v.evicted(), v.toString());
            assertEquals(outbox.stats().expired(), v.expired(), v.toString());
            assertTrue(v.evicted() >= 7, v.toString());
            assertTrue(reports >= 1, "gaps come in life-cycle messages");
        }
    }

    @Test
    void anOrderlyCloseDeletesWhatWasAcknowledgedAndLeavesNoLock() throws Exception {
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS)) {
            for (int i = 0; i < 50; i++) {
                outbox.put(msg("a", 5, "m" + i));
            }
            List<Stored> got = outbox.take(30, 1, TimeUnit.SECONDS);
            assertEquals(30, got.size());
            for (Stored s : got) {
                outbox.acknowledge(s.id());
            }
        }
        assertFalse(Files.exists(dir.resolve("db/db.lck")), "Derby shut down cleanly");
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS)) {
            assertEquals(20, outbox.stats().stored(), "the acknowledged rows were deleted before the stop");
        }
    }

    @Test
    void theCheckerFindsASilentGapAndCountsDuplicates() {
        SequenceChecker c = new SequenceChecker();
        c.message("wren/gw/a", "{\"id\":1,\"ts\":5}".getBytes(UTF_8));
        c.message("wren/gw/a", "{\"id\":4,\"ts\":5,\"v\":1}".getBytes(UTF_8));
        c.message("wren/gw/a", "{\"id\":4,\"ts\":5,\"v\":1}".getBytes(UTF_8));
        c.message("wren/gw/outbox/gaps", "{\"id\":5,\"ts\":6,\"evicted\":[[2,2]],\"lost\":[[7,8]]}".getBytes(UTF_8));
        SequenceChecker.Verdict v = c.verdict();
        assertEquals(1, v.duplicates());
        assertEquals(8, v.high());
        assertEquals(2, v.missing(), "3 and 6: " + v.describeGaps());
        assertEquals("3, 6", v.describeGaps());
        assertEquals(2, v.lost());
    }
}
