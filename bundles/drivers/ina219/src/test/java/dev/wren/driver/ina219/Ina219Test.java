package dev.wren.driver.ina219;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wren.hardware.testing.RecordingBoard;
import dev.wren.hardware.simulator.SimContext;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimClock;
import dev.wren.hardware.simulator.chips.Ina219Chip;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SensorException;

/** The component's life: claim through the Board, reconfigure, refuse bad configurations, release. */
class Ina219Test {

    private final SimBoard sim = new SimBoard(SimClock.system(), 9);
    private final SimContext bus = new SimContext(sim);
    private final RecordingBoard board = new RecordingBoard(bus);

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void claimsReadsMovesWithTheAddressAndReleases() throws Exception {
        sim.plug(1, 0x40, new Ina219Chip(sim.clock(), 0.1, () -> 5.0, () -> 0.5));
        sim.plug(1, 0x41, new Ina219Chip(sim.clock(), 0.1, () -> 12.0, () -> 1.5));
        Ina219 c = board.inject(new Ina219());
        c.activate(Configs.of(Map.of("sensor.id", "rail")));
        assertEquals(List.of("+0x40 ina219 'rail'"), board.claims);
        assertEquals("rail", c.id());
        List<Reading> r = c.read();
        assertTrue(r.stream().allMatch(x -> x.sensor().equals("rail")));
        assertEquals(0.5, Ina219ReaderTest.values(r).get("current"), 1e-4);

        c.modified(Configs.of(Map.of("sensor.id", "rail", "samples.averaged", 2)));
        assertEquals(1, board.claims.size(), "same address: the claim is kept");
        c.modified(Configs.of(Map.of("sensor.id", "rail", "i2c.address", "0x41")));
        assertEquals(List.of("+0x40 ina219 'rail'", "-0x40"), board.claims, "the old chip is released at once");
        assertEquals(12.0, Ina219ReaderTest.values(c.read()).get("bus.voltage"), 0.004);
        assertEquals("+0x41 ina219 'rail'", board.claims.get(2), "the new one claimed at the next read");

        c.modified(Configs.of(Map.of("sensor.id", "rail", "i2c.address", "0x41", "max.current.a", 10.0)));
        assertEquals(1, board.errors.size());
        assertTrue(board.errors.get(0).contains("max.current.a"), board.errors.get(0));
        assertEquals(1.5, Ina219ReaderTest.values(c.read()).get("current"), 1e-4, "the last good configuration still runs");

        c.deactivate();
        assertEquals("-0x41", board.claims.get(board.claims.size() - 1));
    }

    @Test
    void anInvalidFirstConfigurationDoesNotActivate() throws Exception {
        Ina219 c = board.inject(new Ina219());
        assertThrows(IllegalArgumentException.class, () -> c.activate(Configs.of(Map.of("i2c.address", "0x36"))));
        assertEquals(List.of(), board.claims);
    }

    @Test
    void aMissingChipIsABusErrorAtEachReadUntilItAppears() throws Exception {
        Ina219 c = board.inject(new Ina219());
        c.activate(Configs.of(Map.of()));
        assertEquals(SensorException.Fault.BUS_ERROR, assertThrows(SensorException.class, c::read).fault());
        sim.plug(1, 0x40, new Ina219Chip(sim.clock(), 0.1, () -> 5.0, () -> 0.25));
        assertEquals(0.25, Ina219ReaderTest.values(c.read()).get("current"), 1e-4);
    }
}
