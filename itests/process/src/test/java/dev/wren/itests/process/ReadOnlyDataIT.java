package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory on a read-only file system: the gateway refuses to start, at once and saying why,
 * instead of running on with nothing it could keep (needs root to mount; without it the test fails).
 */
class ReadOnlyDataIT {

    @TempDir
    Path dir;

    @Test
    void aReadOnlyDataDirectoryIsRefusedWithItsReason() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        assertEquals(0, Shell.run("mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", data.toString()),
                "cannot mount a read-only tmpfs at " + data + " (the test needs root or CAP_SYS_ADMIN)");
        try (GatewayProcess gw = GatewayProcess.start(data, GatewayProcess.freePort(), null)) {
            Integer status = gw.exitStatus(Duration.ofSeconds(30));
            assertEquals(1, status, "exit status; output:\n" + String.join("\n", gw.output()));
            String line = gw.awaitLine("data directory", Duration.ofSeconds(1));
            assertTrue(line.contains(data + " is not writable as user ") && line.contains("read-only file system"), line);
        } finally {
            Shell.run("umount", data.toString());
        }
    }
}
