package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.uplink.testing.Mosquitto;

/**
 * The settings that bricked the next start (Sampler threads=0, uplink batch.size=0, outbox max.bytes=-1),
 * stored through the web console as an operator would: each is refused by name with its value, the
 * running components keep their last good values, and after a real restart of the process every one of
 * them starts on its last good value: the sampler samples, the uplink connects, the outbox opens.
 */
class RefusedConfigurationIT {

    static final Duration START = Duration.ofSeconds(60);
    static final String CONSOLE = "/system/console/configMgr/";

    @TempDir
    Path dir;

    @Test
    void refusedValuesNeverReachTheComponentsBeforeOrAfterARestart() throws Exception {
        Path data = dir.resolve("data");
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).start()) {
            Path config = config(dir.resolve("config"), Map.of(
                    "dev.wren.uplink.Uplink.cfg", "broker.url=" + broker.url() + "\ngateway.id=gw-refused\nbatch.size=50\n",
                    "dev.wren.sampling.Sampler.cfg", "threads=3\n",
                    "dev.wren.store.Outbox.cfg", "max.bytes=1048576\n"));
            Map<String, String> env = Map.of("WREN_CONFIG", config.toString());
            int port = GatewayProcess.freePort();
            try (GatewayProcess gw = GatewayProcess.start(data, port, null, env)) {
                gw.awaitLine("Uplink connected to", START);
                gw.awaitLine("Sampler active", START);
                String password = gw.password();
                awaitConsole(gw, password);
                post(gw, password, "dev.wren.sampling.Sampler", "threads=0");
                post(gw, password, "dev.wren.uplink.Uplink",
                        "broker.url=" + broker.url() + "&gateway.id=gw-refused&batch.size=0");
                post(gw, password, "dev.wren.store.Outbox", "max.bytes=-1");
                awaitRefusals(gw);
                assertTrue(gw.terminate(Duration.ofSeconds(30)), "the gateway did not stop");
            }
            try (GatewayProcess gw = GatewayProcess.start(data, port, null, env)) {
                gw.awaitLine("Sampler active", START);
                gw.awaitLine("Uplink connected to", START);
                gw.awaitLine("Outbox open in", START);
                awaitRefusals(gw);
                gw.awaitLine("\\[dev\\.wren\\.console\\] gateway: heap\\.used=\\d+B", START);
                List<String> errors = gw.output().stream().filter(l -> l.contains(" ERROR ")).toList();
                assertEquals(List.of(), errors, "errors after the restart");
                assertFalse(gw.output().stream().anyMatch(l -> l.contains("NumberFormatException")));
            }
        }
    }

    /** One refusal line per property, naming the rule and the value, and running the last good value. */
    private static void awaitRefusals(GatewayProcess gw) throws InterruptedException {
        gw.awaitLine("WARN .*Configuration dev\\.wren\\.sampling\\.Sampler: threads refused \\(.*rule: integer, >= 1, <= 8.*\\), "
                + "value \"0\"; running the last good value \"3\" instead", START);
        gw.awaitLine("WARN .*Configuration dev\\.wren\\.uplink\\.Uplink: batch\\.size refused \\(.*rule: integer, >= 1, <= 10000.*\\), "
                + "value \"0\"; running the last good value \"50\" instead", START);
        gw.awaitLine("WARN .*Configuration dev\\.wren\\.store\\.Outbox: max\\.bytes refused \\(.*rule: long, >= 65536.*\\), "
                + "value \"-1\"; running the last good value \"1048576\" instead", START);
    }

    private static void post(GatewayProcess gw, String password, String pid, String values) {
        StringBuilder list = new StringBuilder();
        for (String kv : values.split("&")) {
            list.append(list.length() == 0 ? "" : ",").append(kv.substring(0, kv.indexOf('=')));
        }
        int status = gw.status("POST", CONSOLE + pid, "admin", password,
                "apply=true&action=ajaxConfigManager&propertylist=" + list + "&" + values);
        assertTrue(status == 200 || status == 302, "web console answered " + status + " for " + pid);
    }

    private static void awaitConsole(GatewayProcess gw, String password) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (gw.status("GET", "/system/console/configMgr", "admin", password, null) != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the web console's configuration page did not open");
            }
            Thread.sleep(100);
        }
    }

    /** The shipped configuration with {@code files} written over it. */
    private static Path config(Path dir, Map<String, String> files) throws IOException {
        Path config = Files.createDirectories(dir);
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("wren.home", ".")).resolve("config"))) {
            for (Path f : all.toList()) {
                Files.copy(f, config.resolve(f.getFileName()));
            }
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            String shipped = Files.readString(config.resolve(f.getKey()));
            Files.writeString(config.resolve(f.getKey()), shipped + "\n" + f.getValue());
        }
        return config;
    }
}
