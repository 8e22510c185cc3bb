package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.uplink.testing.Mosquitto;
import dev.wren.uplink.testing.Subscriber;

/**
 * The data directory on a 20 MB file system of its own (a tmpfs mounted for the test; the test
 * fails if it cannot mount): the gateway starts with the default cache location, beside the data
 * directory, keeps only data there, and stores readings that reach a real broker.
 */
class SmallDataPartitionIT {

    static final Duration START = Duration.ofSeconds(60);
    static final long SIZE = 20L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aGatewayWhoseDataDirectoryIsA20MbFileSystemStartsAndStoresReadings() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        mount(data);
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).start();
                Subscriber sub = Subscriber.connect(broker, "watcher", true, "wren/#")) {
            FileStore store = Files.getFileStore(data);
            assertEquals("tmpfs", store.type());
            assertTrue(store.getTotalSpace() <= SIZE, "a 20 MB file system: " + store.getTotalSpace());
            Path config = StopIT.uplinkConfig(dir.resolve("config"), broker.url());
            try (GatewayProcess gw = GatewayProcess.start(data, GatewayProcess.freePort(), null,
                    Map.of("WREN_CONFIG", config.toString(), "WREN_CACHE", ""))) {
                gw.awaitLine("Outbox open in", START);
                gw.awaitLine("Uplink connected to", START);
                assertTrue(sub.await(l -> StopIT.ids(l).size() >= 5, START), "stored readings reach the broker");
                assertTrue(Files.isDirectory(dir.resolve("data-cache/framework")), "the bundle cache is beside the data");
                assertTrue(gw.terminate(StopIT.STOP));
            }
            long used = size(data);
            assertTrue(used < SIZE / 2, "the data directory holds data only: " + used + " bytes");
            assertTrue(Files.isDirectory(data.resolve("outbox")) && Files.isDirectory(data.resolve("config")));
        } finally {
            Shell.run("umount", data.toString());
        }
    }

    private static void mount(Path at) throws Exception {
        int rc = Shell.run("mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", at.toString());
        assertEquals(0, rc, "cannot mount a 20 MB tmpfs at " + at + " (the test needs root or CAP_SYS_ADMIN)");
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
