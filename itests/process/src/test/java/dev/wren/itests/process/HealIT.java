package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.itests.process.Operator.BundleRow;

/**
 * Framework state that heals: what an operator does to the bundles through the web console, a
 * damaged bundle cache, and the storage layout of an earlier launcher never stop the next start;
 * the start says what it repaired, every component is active, and the configuration is kept.
 */
class HealIT {

    static final Duration START = Duration.ofSeconds(60);
    static final String TRIGGER = "dev.wren.model.vibration-trigger-1.0.0";
    /** The file name in wren.jar is the artifact's, one per model (the symbolic name is one per version). */
    static final String TRIGGER_JAR = "dev.wren.model.vibration-trigger";
    static final String INT8 = "dev.wren.model.vibration-trigger-int8-1.0.0";
    static final String SAMPLER = "dev.wren.sampling.Sampler";
    static final String COMPONENTS = "/system/console/components.json";
    static final int WREN_COMPONENTS = 16;

    @TempDir
    Path dir;

    @Test
    void reinstallingAShippedBundleFromAnotherLocationNeverStopsTheNextStart() throws Exception {
        Path data = dir.resolve("data");
        int port = GatewayProcess.freePort();
        Path shipped = Operator.shippedJar(TRIGGER_JAR, dir.resolve("upload"));
        Path int8 = Path.of(System.getProperty("wren.home", "."))
                .resolve("bundles/models/vibration-trigger-int8/target/dev.wren.model.vibration-trigger-int8-0.2.0-SNAPSHOT.jar");
        try (GatewayProcess gw = GatewayProcess.start(data, port, null)) {
            Operator op = ready(gw);
            gw.awaitLine("Sampler active", START);
            assertTrue(op.configure(SAMPLER, Map.of("sampling.period.full.ms", "7000")) < 400);
            gw.awaitLine("Sampler reconfigured: default periods SamplingPeriods\\[full=7000", START);

            BundleRow trigger = op.bundles(TRIGGER).get(0);
            assertEquals(200, op.uninstall(trigger.id()));
            Operator.await(START, () -> op.bundles(TRIGGER).isEmpty() ? true : null, "uninstalled");
            op.install(shipped);
            op.install(int8);
            Operator.await(START, () -> active(op, TRIGGER) && active(op, INT8) ? true : null,
                    "both uploads active");
            assertTrue(gw.terminate(Duration.ofSeconds(15)));
        }
        try (GatewayProcess gw = GatewayProcess.start(data, port, null)) {
            Operator op = ready(gw);
            gw.awaitLine("WARN  \\[dev\\.wren\\.launcher\\] Framework storage: " + TRIGGER.replace(".", "\\.")
                    + " 1\\.0\\.0 \\(bundle \\d+\\) installed from inputstream:.* has the symbolic name and version of the "
                    + "shipped jar/" + TRIGGER_JAR.replace(".", "\\.") + "-.*: uninstalled", START);
            gw.awaitLine("Framework storage .* was inconsistent: 2 repairs", START);
            allActive(gw);
            gw.awaitLine("Sampler active: .*full=7000", START);
            assertEquals(1, op.bundles(TRIGGER).size(), "one copy of the shipped model");
            assertTrue(active(op, TRIGGER));
            assertTrue(active(op, INT8), "the operator's own bundle survived the repair");
            assertTrue(gw.terminate(Duration.ofSeconds(15)));
        }
        try (GatewayProcess gw = GatewayProcess.start(data, port, null)) {
            Operator op = ready(gw);
            allActive(gw);
            assertTrue(active(op, INT8), "the operator's own bundle survives a normal restart");
            assertFalse(gw.output().stream().anyMatch(l -> l.contains("[dev.wren.launcher] Framework storage")),
                    "a consistent storage needs no repair");
        }
    }

    @Test
    void aShippedBundleUninstalledOrDamagedInTheCacheIsInstalledAgainAndConfigurationKept() throws Exception {
        Path data = dir.resolve("data");
        int port = GatewayProcess.freePort();
        try (GatewayProcess gw = GatewayProcess.start(data, port, null)) {
            Operator op = ready(gw);
            gw.awaitLine("Sampler active", START);
            assertTrue(op.configure(SAMPLER, Map.of("sampling.period.full.ms", "7000")) < 400);
            gw.awaitLine("Sampler reconfigured: default periods SamplingPeriods\\[full=7000", START);
            assertEquals(200, op.uninstall(op.bundles("dev.wren.gossip").get(0).id()));
            Operator.await(START, () -> op.bundles("dev.wren.gossip").isEmpty() ? true : null, "uninstalled");
            gw.kill();
        }
        Path storage = data.resolve("cache/framework");
        Files.writeString(bundleDir(storage, "org.apache.felix.configadmin").resolve("bundle.info"), "");
        Path store = bundleDir(storage, "dev.wren.store");
        try (Stream<Path> revisions = Files.list(store)) {
            for (Path r : revisions.filter(p -> p.getFileName().toString().startsWith("version")).toList()) {
                try (Stream<Path> files = Files.walk(r)) {
                    for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
        try (GatewayProcess gw = GatewayProcess.start(data, port, null)) {
            ready(gw);
            String line = gw.awaitLine("WARN  \\[dev\\.wren\\.launcher\\] Framework storage: 3 shipped bundles missing", START);
            for (String jar : List.of("dev.wren.gossip-", "org.apache.felix.configadmin-", "dev.wren.store-")) {
                assertTrue(line.contains("jar/" + jar), line);
            }
            allActive(gw);
            gw.awaitLine("Sampler active: .*full=7000", START);
        }
    }

    @Test
    void theStorageAnEarlierLauncherKeptInTheDataDirectoryIsMovedOutWithItsConfiguration() throws Exception {
        Path data = dir.resolve("data");
        int port = GatewayProcess.freePort();
        Map<String, String> oldLayout = Map.of("WREN_CACHE", data.toString());
        try (GatewayProcess gw = GatewayProcess.start(data, port, null, oldLayout)) {
            Operator op = ready(gw);
            gw.awaitLine("Sampler active", START);
            assertTrue(op.configure(SAMPLER, Map.of("sampling.period.full.ms", "7000")) < 400);
            gw.awaitLine("Sampler reconfigured: default periods SamplingPeriods\\[full=7000", START);
            assertTrue(gw.terminate(Duration.ofSeconds(15)));
        }
        // as the earlier launcher left it: Config Admin's files inside the framework storage
        Path storage = data.resolve("framework");
        Path bundleData = Files.createDirectories(bundleDir(storage, "org.apache.felix.configadmin").resolve("data"));
        Files.move(data.resolve("config"), bundleData.resolve("config"));

        try (GatewayProcess gw = GatewayProcess.start(data, port, null, Map.of("WREN_CACHE", ""))) {
            ready(gw);
            gw.awaitLine("INFO  \\[dev\\.wren\\.launcher\\] Configuration moved out of the framework storage: \\d+ files", START);
            gw.awaitLine("Removed the framework storage kept in the data directory", START);
            allActive(gw);
            gw.awaitLine("Sampler active: .*full=7000", START);
            assertFalse(Files.exists(storage));
            assertTrue(Files.isDirectory(dir.resolve("data-cache/framework")), "the default cache is beside the data");
        }
    }

    /** Felix's directory of the bundle whose shipped jar starts with {@code name}. */
    static Path bundleDir(Path storage, String name) throws Exception {
        try (Stream<Path> dirs = Files.list(storage)) {
            for (Path d : dirs.filter(p -> Files.exists(p.resolve("bundle.info"))).toList()) {
                List<String> info = Files.readAllLines(d.resolve("bundle.info"));
                if (info.size() > 1 && info.get(1).startsWith("jar/" + name + "-")) {
                    return d;
                }
            }
        }
        throw new AssertionError("no bundle " + name + " in " + storage);
    }

    static Operator ready(GatewayProcess gw) throws Exception {
        Operator op = new Operator(gw);
        Operator.await(START, () -> op.bundles().size() > 10 ? op : null, "the web console's bundle list");
        return op;
    }

    static boolean active(Operator op, String bsn) throws java.io.IOException {
        return op.bundles(bsn).stream().anyMatch(b -> b.state().equals("Active"));
    }

    static void allActive(GatewayProcess gw) throws Exception {
        Operator.await(START, () -> Operator.inactive(gw.get(COMPONENTS), WREN_COMPONENTS).isEmpty() ? true : null,
                "every Wren component active");
    }
}
