package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway as a user starts it: ./wren run on a fresh data directory. */
class GatewayIT {

    static final Duration START = Duration.ofSeconds(60);
    static final String SAMPLER = "/system/console/configMgr/dev.wren.sampling.Sampler";
    static final String COMPONENTS = "/system/console/components.json";

    @TempDir
    Path data;

    @Test
    void webConsoleOpensOnlyWithTheGeneratedPasswordOnlyOnLoopbackAndTelemetryIsOff() throws Exception {
        try (GatewayProcess gw = GatewayProcess.start(data, GatewayProcess.freePort(), null)) {
            gw.awaitLine("password in ", START);
            Path file = data.resolve("console-password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String password = gw.password();
            assertTrue(password.length() >= 16, "password too short: " + password.length());
            awaitStatus(gw, "admin", password, 200);
            assertEquals(401, gw.status("GET", "/system/console/bundles", null, null, null));
            assertEquals(401, gw.status("GET", "/system/console/bundles", "admin", "admin", null));
            assertEquals(List.of("127.0.0.1"), listeners(gw.port));
            String environment = Files.readString(Path.of("/proc", Long.toString(gw.pid()), "environ"));
            assertTrue(List.of(environment.split("\0")).contains("ORT_DISABLE_TELEMETRY=1"),
                    "ONNX Runtime telemetry must be off from process start");
        }
    }

    @Test
    void healthReadingsFlowAndConfigurationChangesSurviveARestart() throws Exception {
        int port = GatewayProcess.freePort();
        String password;
        try (GatewayProcess gw = GatewayProcess.start(data, port, null)) {
            gw.awaitLine("\\[dev\\.wren\\.console\\] gateway: heap\\.used=\\d+B", START);
            password = gw.password();
            awaitStatus(gw, "admin", password, 200);
            String form = "apply=true&action=ajaxConfigManager&propertylist=sampling.period.full.ms,threads"
                    + "&sampling.period.full.ms=7000&threads=1";
            gw.status("POST", SAMPLER, "admin", password, form);
            gw.awaitLine("Sampler reconfigured: default periods SamplingPeriods\\[full=7000", START);
        }
        try (GatewayProcess gw = GatewayProcess.start(data, port, null)) {
            gw.awaitLine("Sampler active: .*full=7000", START);
            assertEquals(password, gw.password(), "the password changed across a restart");
            awaitStatus(gw, "admin", password, 200);
            assertFalse(gw.output().stream().anyMatch(l -> l.contains("Applied default configuration")),
                    "defaults were applied again over the operator's configuration");
        }
    }

    @Test
    void aRefusedConfigurationNamesItsPropertyAndSamplingGoesOn() throws Exception {
        try (GatewayProcess gw = GatewayProcess.start(data, GatewayProcess.freePort(), null)) {
            gw.awaitLine("Sampler active", START);
            String password = gw.password();
            awaitStatus(gw, "admin", password, 200);
            gw.status("POST", SAMPLER, "admin", password,
                    "apply=true&action=ajaxConfigManager&propertylist=sampling.period.full.ms&sampling.period.full.ms=5");
            gw.awaitLine("ERROR .*sampling\\.period\\.full\\.ms: must be 0 \\(not sampled\\) or between 10 and 86400000 ms, was 5",
                    START);
            awaitStatus(gw, COMPONENTS, "admin", password, 200);
            String sensors = gw.get(COMPONENTS);
            assertTrue(sensors.contains("dev.wren.sampling.Sampler"), sensors);
        }
    }

    @Test
    void withoutABoardEveryDriverRunsOnTheSimulatedBoardWithoutErrors() throws Exception {
        try (GatewayProcess gw = GatewayProcess.start(data, GatewayProcess.freePort(), null)) {
            gw.awaitLine("Board simulated .*Pi4J context built", START);
            String password = gw.password();
            awaitStatus(gw, COMPONENTS, "admin", password, 200);
            long deadline = System.nanoTime() + START.toNanos();
            List<String> inactive;
            while (!(inactive = Operator.inactive(gw.get(COMPONENTS), 16)).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("components not active: " + inactive);
                }
                Thread.sleep(100);
            }
            String components = gw.get(COMPONENTS);
            for (String driver : List.of("Bme280", "Mpu6050", "Ina219", "Max17048", "Ads1115", "Gpio")) {
                assertTrue(components.contains("dev.wren.driver." + driver.toLowerCase(Locale.ROOT) + "." + driver), driver);
            }
            Thread.sleep(1500);
            assertEquals(List.of(), gw.output().stream().filter(l -> l.contains(" ERROR ") || l.contains(" WARN ")).toList());
        }
    }

    /**
     * ONNX Runtime's library is extracted once into the bundle cache and mapped from there, never
     * copied into java.io.tmpdir; a half-written extraction left by a crash is cleared at the next start.
     */
    @Test
    void onnxRuntimeIsExtractedOnceIntoTheCacheAndNeverCopiedToTmp() throws Exception {
        String serving = "Model vibration-trigger: 1\\.0\\.0 installed, serving";
        Path library;
        FileTime written;
        try (GatewayProcess gw = GatewayProcess.start(data, GatewayProcess.freePort(), null)) {
            String extracted = gw.awaitLine("ONNX Runtime's native libraries extracted once to ", START);
            gw.awaitLine(serving, START);
            library = mappedOnnxRuntime(gw);
            Path dir = Path.of(extracted.substring(extracted.indexOf(" to ") + 4, extracted.lastIndexOf(" in ")));
            assertEquals(dir.resolve("libonnxruntime.so"), library);
            assertTrue(library.startsWith(data.resolve("cache")), library + " is not in the cache");
            written = Files.getLastModifiedTime(library);
        }
        Path half = library.getParent().resolveSibling(library.getParent().getFileName() + "-0.part");
        Files.createDirectories(half);
        Files.write(half.resolve("libonnxruntime.so"), new byte[4096]);
        try (GatewayProcess gw = GatewayProcess.start(data, GatewayProcess.freePort(), null)) {
            gw.awaitLine(serving, START);
            assertEquals(library, mappedOnnxRuntime(gw));
            assertEquals(written, Files.getLastModifiedTime(library), "the library was written again");
            assertFalse(gw.output().stream().anyMatch(l -> l.contains("extracted once")), "extracted again");
            assertFalse(Files.exists(half), "the half-written directory was left");
        }
    }

    /** @return the file the gateway maps libonnxruntime.so from, from /proc/<pid>/maps */
    private static Path mappedOnnxRuntime(GatewayProcess gw) throws IOException {
        List<Path> files = Files.readAllLines(Path.of("/proc", Long.toString(gw.pid()), "maps")).stream()
                .filter(l -> l.endsWith("/libonnxruntime.so"))
                .map(l -> Path.of(l.substring(l.indexOf('/'))))
                .distinct()
                .toList();
        assertEquals(1, files.size(), "libonnxruntime.so mapped from " + files);
        return files.get(0);
    }

    private static void awaitStatus(GatewayProcess gw, String user, String password, int expected)
            throws InterruptedException {
        awaitStatus(gw, "/system/console/bundles", user, password, expected);
    }

    /** Waits until {@code path} answers {@code expected}: the console's plugins come up after its front page. */
    private static void awaitStatus(GatewayProcess gw, String path, String user, String password, int expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        int last;
        while ((last = gw.status("GET", path, user, password, null)) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("web console answered " + last + " on " + path + ", expected " + expected);
            }
            Thread.sleep(50);
        }
    }

    /** @return the local addresses of the sockets listening on {@code port}, from /proc/net/tcp{,6} */
    static List<String> listeners(int port) throws IOException {
        List<String> out = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                    out.add(address(f[1].substring(0, f[1].indexOf(':'))));
                }
            }
        }
        return out;
    }

    /** Decodes a /proc/net address: IPv4 as 8 hex digits, IPv6 as 32, each 32-bit word little-endian. */
    static String address(String hex) {
        String v4 = hex.length() == 8 ? hex : hex.startsWith("0000000000000000FFFF0000") ? hex.substring(24) : null;
        if (v4 == null) {
            return hex.equals("00000000000000000000000000000000") ? "::" : hex;
        }
        return Integer.parseInt(v4.substring(6, 8), 16) + "." + Integer.parseInt(v4.substring(4, 6), 16) + "."
                + Integer.parseInt(v4.substring(2, 4), 16) + "." + Integer.parseInt(v4.substring(0, 2), 16);
    }
}
