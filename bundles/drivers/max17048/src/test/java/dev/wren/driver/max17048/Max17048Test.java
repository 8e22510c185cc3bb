package dev.wren.driver.max17048;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wren.hardware.testing.RecordingBoard;
import dev.wren.hardware.simulator.SimContext;
import dev.wren.hardware.simulator.BatteryModel;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimClock;
import dev.wren.hardware.simulator.chips.Max17048Chip;
import dev.wren.sensor.SensorException;

/** The component's life: claim through the Board, reconfigure, refuse bad configurations, release. */
class Max17048Test {

    private final SimBoard sim = new SimBoard(SimClock.system(), 9);
    private final SimContext bus = new SimContext(sim);
    private final RecordingBoard board = new RecordingBoard(bus);

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void claimsReadsMovesWithTheBusAndReleases() throws Exception {
        BatteryModel battery = BatteryModel.typical(sim.clock());
        battery.soc(0.18);
        sim.plug(1, 0x36, new Max17048Chip(battery));
        sim.plug(3, 0x36, new Max17048Chip(new BatteryModel(sim.clock(), 1000, 0.1, 0.64)));
        Max17048 c = board.inject(new Max17048());
        c.activate(Configs.of(Map.of()));
        assertEquals(List.of("+0x36 max17048 'fuel-gauge'"), board.claims);
        assertEquals(18, Max17048ReaderTest.values(c.read()).get("battery.soc"), 1 / 256.0);

        c.modified(Configs.of(Map.of("i2c.bus", 3)));
        assertEquals("-0x36", board.claims.get(1));
        assertEquals(64, Max17048ReaderTest.values(c.read()).get("battery.soc"), 1 / 256.0);

        c.modified(Configs.of(Map.of("i2c.bus", 3, "sensor.id", "")));
        assertEquals(1, board.errors.size());
        assertTrue(board.errors.get(0).contains("sensor.id"), board.errors.get(0));
        assertEquals("fuel-gauge", c.id(), "the last good configuration still runs");

        c.deactivate();
        assertEquals("-0x36", board.claims.get(board.claims.size() - 1));
        assertEquals(4, board.claims.size());
    }

    @Test
    void anInvalidFirstConfigurationDoesNotActivate() throws Exception {
        Max17048 c = board.inject(new Max17048());
        assertThrows(IllegalArgumentException.class, () -> c.activate(Configs.of(Map.of("i2c.address", "54x"))));
        assertEquals(List.of(), board.claims);
    }

    @Test
    void aMissingChipIsABusError() throws Exception {
        Max17048 c = board.inject(new Max17048());
        c.activate(Configs.of(Map.of()));
        assertEquals(SensorException.Fault.BUS_ERROR, assertThrows(SensorException.class, c::read).fault());
    }
}
