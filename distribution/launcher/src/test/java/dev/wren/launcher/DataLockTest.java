package dev.wren.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory's lock within one process (between processes: the process-level SecondStartIT). */
class DataLockTest {

    @TempDir
    Path dir;

    @Test
    void theFirstTakesItAndNamesItselfTheSecondIsToldWho() throws Exception {
        Path data = dir.resolve("data");
        assertNull(DataLock.acquire(data));
        String written = Files.readString(data.resolve(DataLock.FILE)).trim();
        assertTrue(written.matches("pid " + ProcessHandle.current().pid() + ", started \\d{4}-.*Z"), written);
        assertEquals(written, DataLock.acquire(data));
    }

    @Test
    void aFileLeftByAnEndedProcessDoesNotBlock() throws Exception {
        Path data = Files.createDirectories(dir.resolve("left"));
        Files.writeString(data.resolve(DataLock.FILE), "pid 1, started 2026-01-01T00:00:00Z\n");
        assertNull(DataLock.acquire(data));
        assertTrue(Files.readString(data.resolve(DataLock.FILE)).startsWith("pid " + ProcessHandle.current().pid()));
    }
}
