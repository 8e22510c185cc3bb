package dev.wren.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastGoodTest {

    @TempDir
    Path tmp;

    @Test
    void valuesSurviveANewInstanceReadableByTheOwnerOnly() throws Exception {
        Path dir = tmp.resolve("config-last-good");
        new LastGood(dir).put("dev.wren.gossip.Gossip", Map.of("cluster.keys", List.of("secret=="),
                "seeds", List.of("a:1", "b,2"), "empty", List.of()));
        Map<String, List<String>> read = new LastGood(dir).get("dev.wren.gossip.Gossip");
        assertEquals(List.of("secret=="), read.get("cluster.keys"));
        assertEquals(List.of("a:1", "b,2"), read.get("seeds"));
        assertEquals(List.of(), read.get("empty"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
    }

    @Test
    void aDamagedFileReadsAsNoHistory() throws Exception {
        Files.writeString(tmp.resolve("dev.wren.sampling.Sampler.properties"), "threads#=x\nthreads#0=2\nperiod#=2\nperiod#0=1\n");
        assertTrue(new LastGood(tmp).get("dev.wren.sampling.Sampler").isEmpty());
    }
}
