package dev.wren.driver.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.sensor.Reading;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;

class BatteryTest {

    @TempDir
    Path root;

    @Test
    void readsTheFirstBatteryWithUnitsConverted() throws Exception {
        supply("AC", Map.of("type", "Mains", "online", "1"));
        supply("BAT1", Map.of("type", "Battery", "capacity", "40"));
        supply("BAT0", Map.of("type", "Battery", "capacity", "87", "status", "Charging",
                "voltage_now", "4012000", "current_now", "-250000"));
        Map<String, Double> r = values(Battery.read(new Battery.Settings("bat", "", root)));
        assertEquals(Map.of("battery.soc", 87.0, "battery.charging", 1.0, "power.external", 1.0,
                "battery.voltage", 4.012, "battery.current", -0.25), r);
    }

    @Test
    void namedSupplyAndDischarging() throws Exception {
        supply("BAT1", Map.of("type", "Battery", "capacity", "18", "status", "Discharging"));
        Map<String, Double> r = values(Battery.read(new Battery.Settings("bat", "BAT1", root)));
        assertEquals(18.0, r.get("battery.soc"));
        assertEquals(0.0, r.get("battery.charging"));
        assertEquals(0.0, r.get("power.external"));
    }

    @Test
    void faultsAreTyped() throws Exception {
        assertEquals(Fault.ABSENT, fault(new Battery.Settings("bat", "", root)));
        assertEquals(Fault.ABSENT, fault(new Battery.Settings("bat", "BAT9", root)));
        supply("BAT0", Map.of("type", "Battery", "capacity", "250"));
        assertEquals(Fault.OUT_OF_RANGE, fault(new Battery.Settings("bat", "BAT0", root)));
        supply("BAT2", Map.of("type", "Battery", "capacity", "n/a"));
        SensorException e = assertThrows(SensorException.class,
                () -> Battery.read(new Battery.Settings("bat", "BAT2", root)));
        assertEquals(Fault.UNAVAILABLE, e.fault());
        assertTrue(e.getMessage().contains("BAT2"), e.getMessage());
    }

    private Fault fault(Battery.Settings s) {
        return assertThrows(SensorException.class, () -> Battery.read(s)).fault();
    }

    private void supply(String name, Map<String, String> attributes) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            Files.writeString(dir.resolve(a.getKey()), a.getValue() + "\n");
        }
    }

    static Map<String, Double> values(List<Reading> readings) {
        return readings.stream().collect(Collectors.toMap(Reading::quantity, Reading::value));
    }
}
