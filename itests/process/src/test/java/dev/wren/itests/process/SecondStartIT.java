package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second gateway started on a data directory in use is refused before it touches anything: the
 * launch script exits (75) naming the directory and the process holding it (the JVM's own lock on the
 * directory, for a start without the script: DataLockTest), the first runs on with its outbox where it
 * was (nothing moved aside as unreadable), and its data directory is free again once it has stopped.
 */
class SecondStartIT {

    static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aSecondGatewayOnTheSameDataDirectoryIsRefusedAndTheFirstRunsOn() throws Exception {
        Path data = dir.resolve("data");
        try (GatewayProcess first = GatewayProcess.start(data, GatewayProcess.freePort(), null)) {
            Ready.await(first, START);
            try (GatewayProcess second = GatewayProcess.start(data, GatewayProcess.freePort(), null)) {
                Integer status = second.exitStatus(START);
                assertEquals(75, status, "the second start's exit status; output:\n" + String.join("\n", second.output()));
                String line = second.awaitLine("[Dd]ata directory ", Duration.ofSeconds(1));
                assertTrue(line.contains(data.toAbsolutePath() + " is in use by another gateway (pid " + first.pid()
                        + ", started "), line);
                assertTrue(second.output().stream().noneMatch(l -> l.contains("[dev.wren.store]")),
                        "the second touched the outbox: " + second.output());
            }
            try (Stream<Path> outbox = Files.list(data.resolve("outbox"))) {
                assertEquals(List.of(), outbox.filter(p -> p.getFileName().toString().contains("unreadable")).toList(),
                        "moved aside");
            }
            Ready.await(first, START);
            assertTrue(first.terminate(StopIT.STOP), "the first stops");
        }
        try (GatewayProcess again = GatewayProcess.start(data, GatewayProcess.freePort(), null)) {
            Ready.await(again, START);
        }
    }
}
