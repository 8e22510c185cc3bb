package dev.wren.store.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.store.Message;
import dev.wren.store.OutboxException;
import dev.wren.store.OutboxException.Reason;
import dev.wren.store.OutboxStats;
import dev.wren.store.Stored;

class OutboxTest {

    @TempDir
    Path dir;
    private DerbyOutbox outbox;

    @AfterEach
    void close() {
        if (outbox != null) {
            outbox.close();
        }
    }

    static Message msg(String channel, int prio, String value) {
        return new Message(channel, ("{\"v\":\"" + value + "\"}").getBytes(UTF_8), prio);
    }

    static String value(Stored s) {
        String json = new String(s.message().payload(), UTF_8);
        return json.substring(6, json.length() - 2);
    }

    /** Takes {@code expected} messages; gap reports met on the way are acknowledged and left out. */
    private List<Stored> takeAll(int expected) throws Exception {
        List<Stored> all = new ArrayList<>();
        while (all.size() < expected) {
            List<Stored> got = outbox.take(expected - all.size(), 2, TimeUnit.SECONDS);
            assertTrue(!got.isEmpty(), "took " + all.size() + " of " + expected);
            for (Stored s : got) {
                if (s.message().channel().equals(dev.wren.store.Outbox.CHANNEL_GAPS)) {
                    outbox.acknowledge(s.id());
                } else {
                    all.add(s);
                }
            }
        }
        return all;
    }

    @Test
    void mostUrgentFirstInOrderOfAcceptanceAndIdsIncrease() throws Exception {
        outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS);
        long a = outbox.put(msg("air/temperature", Message.TELEMETRY, "t1"));
        long b = outbox.put(msg("air/temperature", Message.TELEMETRY, "t2"));
        long c = outbox.put(msg("pump/condition", Message.ALERT, "alert"));
        long d = outbox.put(msg("raw/vibration", Message.BULK, "raw"));
        assertTrue(a < b && b < c && c < d);
        List<Stored> got = takeAll(4);
        assertEquals(List.of("alert", "t1", "t2", "raw"), got.stream().map(OutboxTest::value).toList());
        assertEquals(List.of(c, a, b, d), got.stream().map(Stored::id).toList());
        assertTrue(outbox.take(10, 50, TimeUnit.MILLISECONDS).isEmpty(), "in flight are not taken twice");
        got.forEach(s -> outbox.acknowledge(s.id()));
        OutboxStats st = outbox.stats();
        assertEquals(0, st.stored());
        assertEquals(4, st.accepted());
        assertEquals(4, st.delivered());
    }

    @Test
    void unacknowledgedMessagesSurviveARestartAndIdsAreNeverReused() throws Exception {
        outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS);
        long first = outbox.put(msg("a", 5, "1"));
        outbox.put(msg("a", 5, "2"));
        List<Stored> got = takeAll(2);
        outbox.acknowledge(got.get(0).id());
        outbox.close();

        outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS);
        assertEquals(1, outbox.stats().stored());
        List<Stored> again = takeAll(1);
        assertEquals("2", value(again.get(0)));
        long next = outbox.put(msg("a", 5, "3"));
        assertTrue(next > got.get(1).id(), "new id " + next + " above every id used before");
        assertTrue(first > 0);
    }

    @Test
    void releasedMessagesAreTakenAgainFirstAndCountedResent() throws Exception {
        outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS);
        for (int i = 0; i < 5; i++) {
            outbox.put(msg("a", 5, "m" + i));
        }
        List<Stored> got = takeAll(3);
        outbox.release(got.get(1).id());
        outbox.release(got.get(2).id());
        List<Stored> rest = takeAll(4);
        assertEquals(List.of("m1", "m2", "m3", "m4"), rest.stream().map(OutboxTest::value).toList());
        assertEquals(2, outbox.stats().resent());
        assertEquals(5, outbox.stats().inFlight());
    }

    @Test
    void whenFullTheOldestOfTheLeastUrgentPriorityIsEvictedNeverTheHighest() throws Exception {
        outbox = DerbyOutbox.open(dir, new OutboxLimits(1 << 20, 4, 1024, true));
        outbox.put(msg("a", Message.HIGHEST, "h1"));
        outbox.put(msg("a", Message.TELEMETRY, "t1"));
        outbox.put(msg("a", Message.BULK, "b1"));
        outbox.put(msg("a", Message.TELEMETRY, "t2"));
        outbox.put(msg("a", Message.ALERT, "a1"));
        outbox.put(msg("a", Message.TELEMETRY, "t3"));
        assertEquals(2, outbox.stats().evicted());
        OutboxException lower = assertThrows(OutboxException.class,
                () -> outbox.put(msg("a", Message.LOWEST, "never")));
        assertEquals(Reason.FULL, lower.reason());
        assertTrue(lower.getMessage().contains("nothing less urgent than priority 9"), lower.getMessage());
        outbox.put(msg("a", Message.HIGHEST, "h2"));
        outbox.put(msg("a", Message.HIGHEST, "h3"));
        outbox.put(msg("a", Message.HIGHEST, "h4"));
        OutboxException top = assertThrows(OutboxException.class,
                () -> outbox.put(msg("a", Message.HIGHEST, "h5")));
        assertEquals(Reason.FULL, top.reason());
        assertEquals(List.of("h1", "h2", "h3", "h4"), takeAll(4).stream().map(OutboxTest::value).toList());
        assertEquals(5, outbox.stats().evicted());
    }

    @Test
    void evictionOrderFollowsPriorityThenAge() throws Exception {
        outbox = DerbyOutbox.open(dir, new OutboxLimits(1 << 20, 3, 1024, true));
        outbox.put(msg("a", 5, "t1"));
        outbox.put(msg("a", 7, "b1"));
        outbox.put(msg("a", 5, "t2"));
        outbox.put(msg("a", 5, "t3"));
        outbox.put(msg("a", 5, "t4"));
        assertEquals(List.of("t2", "t3", "t4"), takeAll(3).stream().map(OutboxTest::value).toList());
    }

    @Test
    void inFlightMessagesAreNotEvicted() throws Exception {
        outbox = DerbyOutbox.open(dir, new OutboxLimits(1 << 20, 2, 1024, true));
        outbox.put(msg("a", 5, "t1"));
        outbox.put(msg("a", 5, "t2"));
        Stored sending = takeAll(1).get(0);
        outbox.put(msg("a", 5, "t3"));
        outbox.acknowledge(sending.id());
        assertEquals(List.of("t3"), takeAll(1).stream().map(OutboxTest::value).toList());
        assertEquals(1, outbox.stats().evicted());
        assertEquals(1, outbox.stats().delivered());
    }

    @Test
    void rejectPolicyRefusesWhenFullAndKeepsWhatItHas() throws Exception {
        outbox = DerbyOutbox.open(dir, new OutboxLimits(100, 1000, 64, false));
        outbox.put(msg("a", 5, "x".repeat(40)));
        outbox.put(msg("a", 5, "y".repeat(40)));
        OutboxException e = assertThrows(OutboxException.class, () -> outbox.put(msg("a", 1, "z".repeat(40))));
        assertEquals(Reason.FULL, e.reason());
        assertTrue(e.getMessage().contains("policy is reject"), e.getMessage());
        assertEquals(2, outbox.stats().stored());
        assertEquals(1, outbox.stats().rejected());
    }

    @Test
    void expiredMessagesAreDroppedAndCountedNeverTaken() throws Exception {
        outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS);
        outbox.put(new Message("a", "{\"v\":\"short\"}".getBytes(UTF_8), 5, 100));
        outbox.put(msg("a", 5, "keeps"));
        Thread.sleep(150);
        List<Stored> got = takeAll(1);
        assertEquals("keeps", value(got.get(0)));
        assertEquals(1, outbox.stats().expired());
        assertEquals(1, outbox.stats().stored());
    }

    @Test
    void theWriterSweepsExpiredMessagesThatNobodyTakes() throws Exception {
        outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS);
        for (int i = 0; i < 3; i++) {
            outbox.put(new Message("a", "{}".getBytes(UTF_8), 5, 50));
        }
        long deadline = System.currentTimeMillis() + 3 * Writer.SWEEP_MILLIS;
        while (outbox.stats().expired() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(3, outbox.stats().expired());
        assertEquals(0, outbox.stats().stored());
        outbox.close();
        outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS);
        assertEquals(0, outbox.stats().stored(), "the rows were deleted, not only forgotten");
    }

    @Test
    void badMessagesAreRefusedAtPutNamingTheRuleAndNothingElseIsAffected() throws Exception {
        outbox = DerbyOutbox.open(dir, new OutboxLimits(1 << 20, 100, 64, true));
        outbox.put(msg("a", 5, "good"));
        assertRefused(Reason.INVALID, "priority must be 0 to 9, was 10", new Message("a", "{}".getBytes(UTF_8), 10));
        assertRefused(Reason.INVALID, "priority must be 0 to 9, was -1", new Message("a", "{}".getBytes(UTF_8), -1));
        assertRefused(Reason.INVALID, "wildcard +", new Message("air/+", "{}".getBytes(UTF_8), 5));
        assertRefused(Reason.INVALID, "wildcard #", new Message("#", "{}".getBytes(UTF_8), 5));
        assertRefused(Reason.INVALID, "empty level", new Message("air//t", "{}".getBytes(UTF_8), 5));
        assertRefused(Reason.INVALID, "must not end with /", new Message("air/", "{}".getBytes(UTF_8), 5));
        assertRefused(Reason.INVALID, "must not start with $", new Message("$SYS/x", "{}".getBytes(UTF_8), 5));
        assertRefused(Reason.INVALID, "1 to 200 characters", new Message("", "{}".getBytes(UTF_8), 5));
        assertRefused(Reason.INVALID, "1 to 200 characters", new Message("a".repeat(201), "{}".getBytes(UTF_8), 5));
        assertRefused(Reason.INVALID, "must be a JSON object", new Message("a", "[1,2]".getBytes(UTF_8), 5));
        assertRefused(Reason.INVALID, "ttl must be 0", new Message("a", "{}".getBytes(UTF_8), 5, -5));
        assertRefused(Reason.TOO_LARGE, "65 bytes on 'a' is over the maximum of 64",
                new Message("a", ("{\"v\":\"" + "x".repeat(57) + "\"}").getBytes(UTF_8), 5));
        assertEquals(12, outbox.stats().rejected());
        assertEquals(List.of("good"), takeAll(1).stream().map(OutboxTest::value).toList());
    }

    private void assertRefused(Reason reason, String text, Message m) {
        OutboxException e = assertThrows(OutboxException.class, () -> outbox.put(m));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @Test
    void concurrentProducersShareCommitsAndEveryIdIsUnique() throws Exception {
        outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS);
        int producers = 8;
        int each = 200;
        long[][] ids = new long[producers][each];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < producers; t++) {
            int me = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    try {
                        ids[me][i] = outbox.put(msg("p" + me, 5, me + "-" + i));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread t : threads) {
            t.join();
        }
        java.util.Set<Long> unique = new java.util.HashSet<>();
        for (long[] row : ids) {
            for (long id : row) {
                assertTrue(unique.add(id), "duplicate id " + id);
            }
            for (int i = 1; i < row.length; i++) {
                assertTrue(row[i] > row[i - 1], "ids increase for one producer");
            }
        }
        assertEquals(producers * each, outbox.stats().stored());
        List<Stored> all = takeAll(producers * each);
        assertEquals(producers * each, all.stream().map(Stored::id).distinct().count());
    }

    @Test
    void takeWaitsForTheNextPut() throws Exception {
        outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS);
        new Thread(() -> {
            try {
                Thread.sleep(200);
                outbox.put(msg("a", 5, "late"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).start();
        long t0 = System.nanoTime();
        List<Stored> got = outbox.take(10, 5, TimeUnit.SECONDS);
        assertEquals(1, got.size());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(4));
    }

    @Test
    void aClosedOutboxRefuses() throws Exception {
        outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS);
        outbox.close();
        OutboxException e = assertThrows(OutboxException.class, () -> outbox.put(msg("a", 5, "x")));
        assertEquals(Reason.CLOSED, e.reason());
    }
}
