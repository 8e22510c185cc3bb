package dev.wren.driver.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {

    @TempDir
    Path root;

    private Health.Config config(Map<String, Object> overrides) {
        return Configs.of(Health.Config.class, overrides);
    }

    @Test
    void thermalZonesAreNamedByTypeAndReadInDegrees() throws IOException {
        zone(0, "cpu-thermal", "48312");
        zone(1, "GPU Thermal", "51000");
        zone(2, "cpu-thermal", "not a number");
        ThermalZones zones = ThermalZones.scan(root);
        assertEquals(3, zones.size());
        assertEquals(Map.of("cpu-thermal", 48.312, "gpu-thermal", 51.0), zones.read());
    }

    @Test
    void missingThermalRootMeansNoZones() {
        assertEquals(0, ThermalZones.scan(root.resolve("absent")).size());
    }

    @Test
    void cpuUsageIsTheBusyShareBetweenTwoSamples() throws IOException {
        Path stat = root.resolve("stat");
        CpuUsage cpu = new CpuUsage();
        Files.writeString(stat, "cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 1 2 3 4\n");
        assertEquals(-1, cpu.sample(stat));
        Files.writeString(stat, "cpu  200 0 200 850 150 0 0 0 0 0\ncpu0 1 2 3 4\n");
        assertEquals(50.0, cpu.sample(stat), 1e-9);
        Files.writeString(stat, "garbage\n");
        assertEquals(-1, cpu.sample(stat));
    }

    @Test
    void procValuesAreParsedAndAbsentOnesSkipped() throws IOException {
        Files.writeString(root.resolve("meminfo"), "MemTotal: 1000 kB\nMemAvailable:     512 kB\n");
        Files.writeString(root.resolve("uptime"), "12345.67 20000.00\n");
        assertEquals(512 * 1024.0, ProcFiles.memAvailableBytes(root).getAsDouble());
        assertEquals(12345.67, ProcFiles.uptimeSeconds(root).getAsDouble());
        assertTrue(ProcFiles.uptimeSeconds(root.resolve("nope")).isEmpty());
    }

    @Test
    void badSettingsNameTheProperty() {
        String dir = root.toString();
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
                () -> Health.Settings.of(config(Map.of("sensor_id", "has space")), root));
        assertTrue(id.getMessage().startsWith("sensor.id: "), id.getMessage());
        IllegalArgumentException period = assertThrows(IllegalArgumentException.class,
                () -> Health.Settings.of(config(Map.of("sampling_period_full_ms", -5L)), root));
        assertTrue(period.getMessage().startsWith("sampling.period.full.ms: "), period.getMessage());
        IllegalArgumentException data = assertThrows(IllegalArgumentException.class,
                () -> Health.Settings.of(config(Map.of("data_dir", dir + "/missing")), root));
        assertTrue(data.getMessage().startsWith("data.dir: "), data.getMessage());
    }

    @Test
    void goodSettingsUseTheFrameworkDataDirByDefault() {
        Path data = root.resolve("data");
        Health.Settings s = Health.Settings.of(config(Map.of("thermal_root", root.toString())), data);
        assertEquals(data.toAbsolutePath(), s.dataDir());
        assertTrue(Files.isDirectory(data), "the gateway's data directory is created");
        assertEquals("gateway", s.id());
    }

    private void zone(int n, String type, String milliDegrees) throws IOException {
        Path z = Files.createDirectories(root.resolve("thermal_zone" + n));
        Files.writeString(z.resolve("type"), type + "\n");
        Files.writeString(z.resolve("temp"), milliDegrees + "\n");
    }
}
