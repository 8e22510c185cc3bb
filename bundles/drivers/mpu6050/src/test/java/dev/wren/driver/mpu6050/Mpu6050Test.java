package dev.wren.driver.mpu6050;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;


import dev.wren.hardware.simulator.SimContext;
import dev.wren.hardware.simulator.ManualClock;
import dev.wren.hardware.testing.RecordingBoard;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.Vibration;
import dev.wren.hardware.simulator.chips.Mpu6050Chip;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SensorException;

/** The component's life: open through the Board, reconfigure, refuse bad configurations, release. */
class Mpu6050Test {

    private final ManualClock clock = new ManualClock();
    private final SimBoard sim = new SimBoard(clock, 5);
    private final SimContext bus = new SimContext(sim);
    private final RecordingBoard recorder = new RecordingBoard(bus);
    private final List<String> claims = recorder.claims;
    private final List<String> errors = recorder.errors;

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void opensThroughTheBoardMovesWithTheAddressAndReleases() throws Exception {
        sim.plug(1, 0x68, new Mpu6050Chip(clock, new Vibration(1), sim.environment()));
        sim.plug(1, 0x69, new Mpu6050Chip(clock, new Vibration(2), sim.environment()));
        Mpu6050 c = component();
        c.activate(Configs.of(Map.of("sensor.id", "pump")));
        assertEquals(List.of("+0x68 mpu6050 'pump'"), claims);
        assertEquals("pump", c.id());
        c.readWindow();
        clock.advance(Duration.ofMillis(100));
        List<Reading> r = c.read();
        assertEquals(9, r.size());
        assertTrue(r.stream().allMatch(x -> x.sensor().equals("pump")));

        c.modified(Configs.of(Map.of("sensor.id", "pump", "accel.range.g", 8)));
        assertEquals(1, claims.size(), "same address: the claim is kept");
        c.modified(Configs.of(Map.of("sensor.id", "pump", "i2c.address", "0x69")));
        assertEquals(List.of("+0x68 mpu6050 'pump'", "-0x68"), claims, "the old chip is released at once");
        assertEquals(0, c.readWindow().frames(), "the new chip starts capturing");
        assertEquals(List.of("+0x68 mpu6050 'pump'", "-0x68", "+0x69 mpu6050 'pump'"), claims, "the new one claimed at the next read");

        c.modified(Configs.of(Map.of("sensor.id", "pump", "sampling.period.full.ms", 500L)));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("sampling.period.full.ms"), errors.get(0));
        clock.advance(Duration.ofMillis(50));
        assertEquals(50, c.readWindow().frames(), "the last good configuration still runs");

        c.deactivate();
        assertEquals("-0x69", claims.get(claims.size() - 1));
    }

    @Test
    void anInvalidFirstConfigurationDoesNotActivate() throws Exception {
        Mpu6050 c = component();
        assertThrows(IllegalArgumentException.class, () -> c.activate(Configs.of(Map.of("i2c.address", "0x70"))));
        assertEquals(List.of(), claims);
    }

    @Test
    void anEmptyWindowReadsAsUnavailable() throws Exception {
        sim.plug(1, 0x68, new Mpu6050Chip(clock, new Vibration(1), sim.environment()));
        Mpu6050 c = component();
        c.activate(Configs.of(Map.of()));
        assertEquals(SensorException.Fault.UNAVAILABLE, assertThrows(SensorException.class, c::read).fault());
    }

    private Mpu6050 component() throws ReflectiveOperationException {
        return recorder.inject(new Mpu6050());
    }
}
