package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.data.DataDirectory;
import dev.wren.store.Outbox;

/**
 * Every Wren bundle keeps its files in the one data directory the rule gives it, with the real bundle
 * contexts and storage of this framework, and nothing Wren writes lands in the working directory (inside
 * Kura, Kura's installation directory).
 */
class DataDirectoryTest extends GatewayTestBase {

    /** Names Wren writes into its data directory, whether or not this run wrote them yet; Derby's log too. */
    static final Set<String> WREN_NAMES = Set.of("outbox", "config-last-good", "config-seeded", "console-password",
            "derby.log");

    @InjectService(timeout = 20_000)
    Outbox outbox;

    private Path dataDir() {
        return Path.of(context.getProperty(DataDirectory.PROPERTY)).toAbsolutePath().normalize();
    }

    @Test
    void everyWrenBundleGetsTheConfiguredDataDirectory() {
        for (Bundle b : Gateway.wrenBundles(context)) {
            BundleContext bc = b.getBundleContext();
            assertNotNull(bc, b.getSymbolicName() + " has no context (not active)");
            assertEquals(dataDir(), DataDirectory.of(bc), b.getSymbolicName());
        }
    }

    @Test
    void insideKuraWithoutThePropertyItIsWrenUnderKurasDataDirectory() {
        BundleContext store = bundle("dev.wren.store").getBundleContext();
        Path kuraHome = dataDir().resolve("kura-home");
        Path p = DataDirectory.resolve(k -> k.equals(DataDirectory.KURA_HOME) ? kuraHome.toString() : null,
                () -> store.getDataFile("").toPath());
        assertEquals(kuraHome.resolve("data").resolve("wren"), p);
    }

    @Test
    void elsewhereWithoutThePropertyEachBundleHasItsOwnStorageNeverTheWorkingDirectory() {
        Path cwd = Path.of("").toAbsolutePath();
        Set<Path> seen = new HashSet<>();
        for (Bundle b : Gateway.wrenBundles(context)) {
            BundleContext bc = b.getBundleContext();
            File area = bc.getDataFile("");
            assertNotNull(area, "this framework gives " + b.getSymbolicName() + " no storage");
            Path p = DataDirectory.resolve(k -> null, () -> area.toPath());
            assertEquals(area.toPath().toAbsolutePath().normalize(), p, b.getSymbolicName());
            assertNotEquals(cwd, p, b.getSymbolicName());
            assertEquals(true, seen.add(p), b.getSymbolicName() + " shares " + p);
        }
    }

    @Test
    void nothingWrenWritesLandsInTheWorkingDirectory() throws IOException, InterruptedException {
        Path data = dataDir();
        Gateway.await("the outbox's database in " + data, () -> Files.isDirectory(data.resolve("outbox")));
        Gateway.await("the configuration's last good values in " + data,
                () -> Files.isDirectory(data.resolve("config-last-good")));
        Set<String> names = new TreeSet<>(WREN_NAMES);
        try (Stream<Path> files = Files.list(data)) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        }
        Path cwd = Path.of("").toAbsolutePath();
        assertNotEquals(cwd, data, "the data directory is the working directory");
        List<String> strays = names.stream().filter(n -> Files.exists(cwd.resolve(n))).toList();
        assertEquals(List.of(), strays, "Wren files in the working directory " + cwd + " (data directory " + data + ")");
    }

    private Bundle bundle(String bsn) {
        return Gateway.wrenBundles(context).stream().filter(b -> b.getSymbolicName().equals(bsn)).findFirst()
                .orElseThrow(() -> new AssertionError(bsn + " is not installed"));
    }
}
