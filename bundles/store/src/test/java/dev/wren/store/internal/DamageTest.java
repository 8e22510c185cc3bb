package dev.wren.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real damage to the files a killed outbox leaves (see {@link DamageScenario}): whatever Derby
 * loses is reported, with its ids, and nothing is silently missing from the sequence.
 */
class DamageTest {

    @TempDir
    Path work;

    private static void assertTruthful(DamageScenario.Result r) {
        System.out.println(r);
        assertEquals(0, r.silent(), "no id silently missing: " + r);
        assertEquals(r.actualLost(), r.reportedLost(), "every loss reported, no more: " + r);
        if (r.actualLost() > 0) {
            assertTrue(r.lossEvent(), "an event names the ids: " + r);
        }
        assertTrue(r.nextContiguous(), "the sequence goes on: " + r);
    }

    @Test
    void aTruncatedLogLosesOnlyWhatCameAfterTheLastCheckpointAndSaysWhich() throws Exception {
        DamageScenario.Result r = DamageScenario.run(work, 494, (dir, random) -> {
            for (Path log : DamageScenario.logFiles(dir)) {
                DamageScenario.truncate(log, 20_000);
            }
        }, 1);
        assertTruthful(r);
        assertTrue(r.actualLost() > 0, "the truncation cost messages, or this test proves nothing: " + r);
        assertTrue(r.actualLost() <= r.sinceCheckpoint(), "only what came after the last checkpoint: " + r);
    }

    @Test
    void aLogTruncatedToNothingIsSurvived() throws Exception {
        assertTruthful(DamageScenario.run(work, 300, (dir, random) -> {
            for (Path log : DamageScenario.logFiles(dir)) {
                DamageScenario.truncate(log, 0);
            }
        }, 2));
    }

    @Test
    void fiveHundredBytesOverwrittenAtTenPlacesOfTheLog() throws Exception {
        assertTruthful(DamageScenario.run(work, 494, (dir, random) -> {
            Path log = DamageScenario.logFiles(dir).get(0);
            DamageScenario.overwrite(log, 10, 500, DamageScenario.used(log), random);
        }, 3));
    }

    @Test
    void oneBadDataPageCostsItsRowsAndWhatCameAfterTheCheckpointNotTheBacklog() throws Exception {
        DamageScenario.Result r = DamageScenario.run(work, 494, (dir, random) -> {
            Path table = DamageScenario.dataFiles(dir).get(0);
            DamageScenario.overwrite(table, 1, 500, Files.size(table), random);
        }, 4);
        assertTruthful(r);
        assertTrue(r.actualLost() <= r.sinceCheckpoint() + 40,
                "the rows of the checkpoint's data pages come back, but for the bad page's: " + r);
    }

    @Test
    void aDamagedIdCeilingIsRebuiltAndNothingStops() throws Exception {
        DamageScenario.Result r = DamageScenario.run(work, 100, (dir, random) ->
                Files.write(dir.resolve("id-ceiling"), "\u0000garbage\n".getBytes(StandardCharsets.UTF_8)), 5);
        assertTruthful(r);
        assertEquals(0, r.actualLost());
        assertTrue(r.reports().stream().anyMatch(l -> l.startsWith("REBUILT Outbox id ceiling damaged")), r.reports().toString());
    }

    @Test
    void aDamagedJournalOnlyMeansLossCannotBeToldAndIsSaidSo() throws Exception {
        DamageScenario.Result r = DamageScenario.run(work, 100, (dir, random) ->
                Files.write(dir.resolve("journal"), "P x y\n".getBytes(StandardCharsets.UTF_8)), 6);
        assertTruthful(r);
        assertTrue(r.reports().stream().anyMatch(l -> l.startsWith("REBUILT Outbox journal unreadable")), r.reports().toString());
    }

    @Test
    void manyBadDataPagesStillOpenTheOutboxAndEveryLossIsReported() throws Exception {
        assertTruthful(DamageScenario.run(work, 494, (dir, random) -> {
            Path table = DamageScenario.dataFiles(dir).get(0);
            DamageScenario.overwrite(table, 10, 500, Files.size(table), random);
        }, 9));
    }
}
