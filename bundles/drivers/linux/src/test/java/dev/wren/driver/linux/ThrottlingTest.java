package dev.wren.driver.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;

class ThrottlingTest {

    @TempDir
    Path root;

    @Test
    void flagsOfTheFirmwareValue() throws Exception {
        Path file = root.resolve("get_throttled");
        Files.writeString(file, "50005\n");
        Map<String, Double> r = BatteryTest.values(Throttling.read(new Throttling.Settings("pi", file)));
        assertEquals(8, r.size());
        assertEquals(1.0, r.get("throttle.undervoltage"));
        assertEquals(0.0, r.get("throttle.capped"));
        assertEquals(1.0, r.get("throttle.throttled"));
        assertEquals(1.0, r.get("throttle.undervoltage.occurred"));
        assertEquals(1.0, r.get("throttle.throttled.occurred"));
        assertEquals(0.0, r.get("throttle.soft_temp_limit.occurred"));
    }

    @Test
    void vcgencmdFormsParse() throws Exception {
        assertEquals(0x80008L, Throttling.parse("throttled=0x80008"));
        assertEquals(0L, Throttling.parse("0x0"));
    }

    @Test
    void absentAndGarbageAreFaults() throws Exception {
        Path file = root.resolve("get_throttled");
        assertEquals(Fault.ABSENT, assertThrows(SensorException.class,
                () -> Throttling.read(new Throttling.Settings("pi", file))).fault());
        Files.writeString(file, "zz\n");
        assertEquals(Fault.CORRUPT_DATA, assertThrows(SensorException.class,
                () -> Throttling.read(new Throttling.Settings("pi", file))).fault());
    }
}
