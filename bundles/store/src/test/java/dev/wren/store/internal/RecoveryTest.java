package dev.wren.store.internal;

import static dev.wren.store.internal.OutboxTest.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.wren.store.Message;
import dev.wren.store.OutboxException;
import dev.wren.store.OutboxException.Reason;

class RecoveryTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"service.properties", "log", "seg0"})
    void aDatabaseDerbyCannotOpenIsMovedAsideNeverDeletedAndIdsGoOn(String damaged) throws Exception {
        long last;
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS)) {
            for (int i = 0; i < 20; i++) {
                outbox.put(msg("a", 5, "m" + i));
            }
            last = outbox.put(msg("a", 5, "last"));
        }
        garble(dir.resolve("db").resolve(damaged));

        List<String> reports = new ArrayList<>();
        List<Path> moved = new ArrayList<>();
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS, (aside, reason) -> {
            moved.add(aside);
            reports.add(reason);
        })) {
            assertEquals(1, moved.size(), "reported once: " + reports);
            assertTrue(Files.isDirectory(moved.get(0)), "kept at " + moved.get(0));
            assertTrue(moved.get(0).getFileName().toString().startsWith("db.unreadable-"));
            assertTrue(!reports.get(0).isBlank());
            assertEquals(0, outbox.stats().stored());
            long next = outbox.put(msg("a", 5, "fresh"));
            assertTrue(next > last, "id " + next + " is above " + last + ", never reused");
            assertEquals(1, outbox.take(10, 1, TimeUnit.SECONDS).size());
        }
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

    @Test
    void aFullDiskFailsPutLoudlyAndKeepsWhatWasStored() throws Exception {
        Path mount = dir.resolve("small");
        Files.createDirectories(mount);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        assumeTrue(p.waitFor() == 0, "needs root to mount a small tmpfs");
        try {
            List<Long> stored = new ArrayList<>();
            OutboxException full;
            try (DerbyOutbox outbox = DerbyOutbox.open(mount.resolve("outbox"),
                    new OutboxLimits(1L << 30, 10_000_000, 16_000, true))) {
                String big = "x".repeat(15_000);
                full = assertThrows(OutboxException.class, () -> {
                    for (int i = 0; i < 1_000; i++) {
                        stored.add(outbox.put(msg("a", 5, i + big)));
                    }
                });
                assertEquals(Reason.STORAGE, full.reason(), full.getMessage());
                assertTrue(stored.size() > 10, "stored " + stored.size() + " before the disk filled");
                System.out.println("disk full after " + stored.size() + " messages: " + full.getMessage());
            }
            try (DerbyOutbox outbox = DerbyOutbox.open(mount.resolve("outbox"), OutboxLimits.DEFAULTS)) {
                assertEquals(stored.size(), outbox.stats().stored(), "every accepted message is still there");
            }
        } finally {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
        }
    }
}
