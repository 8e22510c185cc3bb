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
 * SIGTERM as soon as the console answers, while the model extender may still be checking its models
 * with ONNX Runtime: the gateway stops in order and exits 143, never in a crash. (ONNX Runtime frees
 * its native environment in a JVM shutdown hook of its own; a stop done in the shutdown hooks beside
 * it crashed the JVM in libonnxruntime while a model was being checked.)
 */
class StopEarlyIT {

    static final int CYCLES = 3;

    @TempDir
    Path dir;

    @Test
    void aStopRightAfterStartEndsInOrderNeverInACrash() throws Exception {
        Path data = dir.resolve("data");
        for (int i = 1; i <= CYCLES; i++) {
            try (GatewayProcess gw = GatewayProcess.start(data, GatewayProcess.freePort(), null)) {
                gw.awaitLine("Web console", StopIT.START);
                assertTrue(gw.terminate(StopIT.STOP), "cycle " + i + ": still running " + StopIT.STOP.toSeconds()
                        + " s after SIGTERM");
                Integer status = gw.exitStatus(Duration.ofSeconds(1));
                assertEquals(143, status, "cycle " + i + ": exit status; output:\n" + String.join("\n", gw.output()));
                assertTrue(gw.output().stream().anyMatch(l -> l.matches(".* INFO  \\[dev\\.wren\\.launcher\\] Gateway stopped in \\d+ ms")),
                        "cycle " + i + ": the stop logs its duration: " + String.join("\n", gw.output()));
            }
            try (Stream<Path> files = Files.walk(dir)) {
                assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList(),
                        "cycle " + i + ": JVM crash logs");
            }
        }
    }
}
