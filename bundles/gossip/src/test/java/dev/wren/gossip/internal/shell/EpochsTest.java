package dev.wren.gossip.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot epoch file: rises at every start, survives the clock going back and the file going away. */
class EpochsTest {

    static final long NOW = 1_763_798_400_000L;

    @TempDir
    Path dir;

    @Test
    void everyStartGetsAHigherEpochEvenWhenTheClockGoesBack() throws Exception {
        Epochs e = new Epochs(dir.resolve("gossip.epoch"));
        Epochs.Next first = e.next(NOW);
        assertNull(first.problem());
        assertEquals(NOW / 1000, first.epoch());
        assertEquals(NOW / 1000 + 1, e.next(NOW).epoch(), "twice in one second");
        assertEquals(NOW / 1000 + 2, e.next(NOW - 86_400_000).epoch(), "the clock went back a day");
        assertEquals(NOW / 1000 + 2, Long.parseLong(Files.readString(dir.resolve("gossip.epoch")).trim()));
        assertEquals(NOW / 1000 + 3, new Epochs(dir.resolve("gossip.epoch")).next(0).epoch(), "a new start reads it");
    }

    @Test
    void aLostOrDamagedFileFallsBackOnTheClockAndSaysSo() throws Exception {
        Path f = dir.resolve("gossip.epoch");
        Files.writeString(f, "12\u0000garbage");
        Epochs.Next n = new Epochs(f).next(NOW);
        assertEquals(NOW / 1000, n.epoch());
        assertTrue(n.problem().contains("unreadable"), n.problem());
        assertEquals(NOW / 1000 + 1, new Epochs(f).next(NOW).epoch(), "and the file is good again");
        Files.delete(f);
        assertEquals(NOW / 1000 + 5, new Epochs(f).next(NOW + 5_000).epoch());
    }

    @Test
    void aFileThatCannotBeWrittenIsReportedAndTheClockUsed() throws Exception {
        Path blocker = dir.resolve("not-a-directory");
        Files.writeString(blocker, "x");
        Epochs.Next n = new Epochs(blocker.resolve("gossip.epoch")).next(NOW);
        assertEquals(NOW / 1000, n.epoch());
        assertTrue(n.problem().contains("cannot be written"), n.problem());
        assertTrue(new Epochs(null).next(NOW).problem().contains("no data area"));
    }
}
