package dev.wren.driver.max17048;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wren.hardware.simulator.SimContext;
import dev.wren.hardware.simulator.BatteryModel;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimClock;
import dev.wren.hardware.simulator.SimDevice;
import dev.wren.hardware.simulator.chips.Max17048Chip;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;

class Max17048ReaderTest {

    private final SimBoard board = new SimBoard(SimClock.system(), 5);
    private final SimContext bus = new SimContext(board);
    private final BatteryModel battery = new BatteryModel(board.clock(), 2000, 0.1, 0.9);

    @AfterEach
    void close() {
        bus.close();
    }

    private Max17048Reader reader() {
        Max17048.Settings s = Configs.settings(Map.of());
        return new Max17048Reader(bus.open(s.bus(), s.address()), s);
    }

    static Map<String, Double> values(List<Reading> readings) {
        return readings.stream().collect(Collectors.toMap(Reading::quantity, Reading::value));
    }

    @Test
    void aScriptedBatteryAt18PercentThroughPi4j() throws SensorException {
        board.plug(1, 0x36, new Max17048Chip(battery));
        battery.loadCurrentA(0.5);
        battery.soc(0.18);
        Max17048Reader r = reader();
        Map<String, Double> v = values(r.read());
        assertEquals(18.0, v.get("battery.soc"), 1 / 256.0);
        assertEquals(BatteryModel.ocv(0.18) - 0.05, v.get("battery.voltage"), 78.125e-6);
        assertEquals(-25, v.get("battery.rate"), 0.208);
        assertEquals(List.of("%", "V", "%/h"), r.read().stream().map(Reading::unit).toList());

        battery.externalPower(true);
        assertEquals(50, values(r.read()).get("battery.rate"), 0.208);
    }

    @Test
    void aFullCellReadsAtMost100Percent() throws SensorException {
        board.plug(1, 0x36, new Max17048Chip(battery));
        battery.soc(1.0);
        assertEquals(100.0, values(reader().read()).get("battery.soc"));
    }

    @Test
    void anotherVersionIsTheWrongChip() {
        board.plug(1, 0x36, new Max17048Chip(battery, 0x0021));
        SensorException e = assertThrows(SensorException.class, () -> reader().read());
        assertEquals(Fault.WRONG_CHIP, e.fault());
        assertTrue(e.getMessage().contains("0x0021") && e.getMessage().contains("0x36 on i2c-1"), e.getMessage());
    }

    @Test
    void aCollapsingCellIsOutOfRange() {
        BatteryModel worn = new BatteryModel(board.clock(), 2000, 0.2, 0.05);
        board.plug(1, 0x36, new Max17048Chip(worn));
        worn.loadCurrentA(8);
        SensorException e = assertThrows(SensorException.class, () -> reader().read());
        assertEquals(Fault.OUT_OF_RANGE, e.fault());
        assertTrue(e.getMessage().contains("outside 2.0 to 4.6 V"), e.getMessage());
    }

    @Test
    void busFaultsAreTypedAndTheReaderRecovers() throws SensorException {
        SimDevice chip = board.plug(1, 0x36, new Max17048Chip(battery));
        Max17048Reader r = reader();
        r.read();
        chip.fault(dev.wren.hardware.simulator.Fault.NACK);
        assertEquals(Fault.BUS_ERROR, assertThrows(SensorException.class, r::read).fault());
        chip.fault(dev.wren.hardware.simulator.Fault.TIMEOUT);
        assertEquals(Fault.TIMEOUT, assertThrows(SensorException.class, r::read).fault());
        chip.fault(dev.wren.hardware.simulator.Fault.NONE);
        assertEquals(3, r.read().size());
    }

    @Test
    void corruptedBytesAreCaught() throws SensorException {
        SimDevice chip = board.plug(1, 0x36, new Max17048Chip(battery));
        Max17048Reader r = reader();
        r.read();
        chip.fault(dev.wren.hardware.simulator.Fault.CORRUPT);
        int failed = 0;
        for (int i = 0; i < 20; i++) {
            try {
                r.read();
            } catch (SensorException e) {
                failed++;
                assertTrue(e.fault() != Fault.BUS_ERROR, e.fault() + ": " + e.getMessage());
            }
        }
        assertTrue(failed >= 18, "corrupted reads caught: " + failed + " of 20");
    }

    @Test
    void configurationErrorsNameTheProperty() {
        assertEquals("i2c.address: must be one of 0x36, was '0x37'",
                assertThrows(IllegalArgumentException.class, () -> Configs.settings(Map.of("i2c.address", "0x37"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Configs.settings(Map.of("i2c.bus", 40)))
                .getMessage().startsWith("i2c.bus: "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Configs.settings(Map.of("sampling.period.full.ms", 1L)))
                .getMessage().startsWith("sampling.period.full.ms: "));
    }
}
