package dev.wren.store.internal;

import static dev.wren.store.internal.OutboxTest.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.wren.store.Outbox;
import dev.wren.store.Stored;
import dev.wren.store.testing.SequenceChecker;

class RecoveryTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"service.properties", "log", "seg0"})
    void aDatabaseDerbyCannotOpenIsMovedAsideSalvagedAndEveryMessageComesBackOrIsReportedLost(String damaged)
            throws Exception {
        long last;
        SequenceChecker cloud = new SequenceChecker();
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS)) {
            for (int i = 0; i < 20; i++) {
                outbox.put(msg("a", 5, "m" + i));
            }
            last = outbox.put(msg("a", 5, "last"));
        }
        garble(dir.resolve("db").resolve(damaged));

        List<String> said = new ArrayList<>();
        List<Path> moved = new ArrayList<>();
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS, (kind, message, properties) -> {
            said.add(kind + " " + message);
            if (kind == Reports.Kind.MOVED_ASIDE) {
                moved.add(Path.of((String) properties.get(Outbox.EVENT_MOVED_TO)));
            }
        }, DerbyOutbox.RESERVE_BYTES)) {
            assertEquals(1, moved.size(), "reported once: " + said);
            assertTrue(Files.isDirectory(moved.get(0)), "kept at " + moved.get(0));
            assertTrue(moved.get(0).getFileName().toString().startsWith("db.unreadable-"));
            long next = outbox.put(msg("a", 5, "fresh"));
            assertTrue(next == last + 1 || next == last + 2, "the sequence goes on (after a gap report): " + next);
            int back = 0;
            for (Stored s : drain(outbox)) {
                cloud.message("wren/gw/" + s.message().channel(), DamageScenario.wire(s));
                back += s.message().channel().equals(Outbox.CHANNEL_GAPS) ? 0 : 1;
            }
            SequenceChecker.Verdict v = cloud.verdict();
            assertEquals(0, v.missing(), "every id delivered or reported: " + v + " " + said);
            assertEquals(22, back + v.lost(), "21 before and 1 after, back or reported lost: " + v + " " + said);
            if (v.lost() > 0) {
                assertTrue(said.stream().anyMatch(l -> l.startsWith("LOST Outbox lost " + v.lost())), said.toString());
            }
            if (damaged.equals("log")) {
                assertEquals(22, back, "the data pages of a clean stop hold every row: " + said);
            }
        }
    }

    static List<Stored> drain(DerbyOutbox outbox) throws Exception {
        List<Stored> all = new ArrayList<>();
        List<Stored> got;
        while (!(got = outbox.take(500, 300, TimeUnit.MILLISECONDS)).isEmpty()) {
            for (Stored s : got) {
                outbox.acknowledge(s.id());
            }
            all.addAll(got);
        }
        return all;
    }

    private static void garble(Path target) throws IOException {
        Random random = new Random(7);
        try (Stream<Path> files = Files.walk(target)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] junk = new byte[(int) Math.max(64, Files.size(f))];
                random.nextBytes(junk);
                Files.write(f, junk);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void salvageOnDemandAddsTheRowsTheOutboxLacksWithTheirIdsAndNothingTwice() throws Exception {
        Path copy = dir.resolve("db.copy");
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS)) {
            for (int i = 0; i < 30; i++) {
                outbox.put(msg("a", 5, "m" + i));
            }
        }
        DamageScenario.copy(dir.resolve("db"), copy);
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS)) {
            assertEquals(30, drain(outbox).size());
            String done = outbox.salvage(copy);
            assertTrue(done.contains("; 30 added"), done);
            String again = outbox.salvage(copy);
            assertTrue(again.contains("; 0 added to the outbox, 30 it already had"), again);
            outbox.put(msg("a", 5, "new"));
            List<Stored> back = drain(outbox);
            assertEquals(31, back.size());
            assertEquals(1, back.get(0).id(), "with their own ids");
            assertEquals(31, back.get(30).id(), "and the sequence goes on");
            assertTrue(Files.isDirectory(copy.resolve("seg0")), "the source is only read");
        }
    }
}
