package dev.wren.driver.ina219;

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
import dev.wren.hardware.simulator.chips.Ads1115Chip;
import dev.wren.hardware.simulator.chips.Ina219Chip;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;

class Ina219ReaderTest {

    private final SimBoard board = new SimBoard(SimClock.system(), 11);
    private final SimContext bus = new SimContext(board);
    private final BatteryModel battery = new BatteryModel(board.clock(), 3000, 0.05, 0.8);

    @AfterEach
    void close() {
        bus.close();
    }

    private SimDevice plug(int address) {
        return board.plug(1, address, new Ina219Chip(board.clock(), 0.1, battery::terminalVolts, battery::loadCurrentA));
    }

    private Ina219Reader reader(Map<String, Object> overrides) {
        Ina219.Settings s = Configs.settings(overrides);
        return new Ina219Reader(bus.open(s.bus(), s.address()), s);
    }

    static Map<String, Double> values(List<Reading> readings) {
        return readings.stream().collect(Collectors.toMap(Reading::quantity, Reading::value));
    }

    @Test
    void readsTheBatteryLoadThroughPi4j() throws SensorException {
        plug(0x40);
        battery.loadCurrentA(1.2);
        Ina219Reader r = reader(Map.of());
        Map<String, Double> v = values(r.read());
        double lsb = Calibration.forMaxCurrent(0.1, 3.2).ampsPerBit();
        assertEquals(1.2, v.get("current"), lsb);
        assertEquals(0.12, v.get("shunt.voltage"), 10e-6);
        assertEquals(battery.terminalVolts(), v.get("bus.voltage"), 0.004);
        assertEquals(battery.terminalVolts() * 1.2, v.get("power"), 2 * 20 * lsb + 0.004 * 1.2);

        battery.loadCurrentA(0.35);
        v = values(r.read());
        assertEquals(0.35, v.get("current"), lsb);
        assertEquals(4, v.size());
    }

    @Test
    void sixteenVoltRangeAndAveragingAtAnotherAddress() throws SensorException {
        plug(0x45);
        battery.loadCurrentA(0.05);
        Map<String, Double> v = values(reader(Map.of("i2c.address", "0x45", "bus.range.v", 16, "max.current.a", 0.4,
                "samples.averaged", 4)).read());
        assertEquals(0.05, v.get("current"), 0.4 / 32768);
        assertEquals(battery.terminalVolts(), v.get("bus.voltage"), 0.004);
    }

    @Test
    void currentAboveTheConfiguredMaximumIsAMathOverflow() {
        plug(0x40);
        battery.loadCurrentA(1.2);
        SensorException e = assertThrows(SensorException.class, () -> reader(Map.of("max.current.a", 1.0)).read());
        assertEquals(Fault.OUT_OF_RANGE, e.fault());
        assertTrue(e.getMessage().contains("math overflow: current exceeds 1.000 A"), e.getMessage());
    }

    @Test
    void currentBeyondTheShuntRangeIsOutOfRange() {
        plug(0x40);
        battery.loadCurrentA(0.5);
        SensorException e = assertThrows(SensorException.class, () -> reader(Map.of("max.current.a", 0.4)).read());
        assertEquals(Fault.OUT_OF_RANGE, e.fault());
    }

    @Test
    void anotherChipAtTheAddressIsTheWrongChip() {
        board.plug(1, 0x48, new Ads1115Chip(board.clock()));
        SensorException e = assertThrows(SensorException.class, () -> reader(Map.of("i2c.address", "0x48")).read());
        assertEquals(Fault.WRONG_CHIP, e.fault());
        assertTrue(e.getMessage().contains("0x48 on i2c-1") && e.getMessage().contains("0x399F"), e.getMessage());
    }

    @Test
    void busFaultsAreTypedAndTheReaderRecalibratesAfterThem() throws SensorException {
        SimDevice chip = plug(0x40);
        Ina219Reader r = reader(Map.of());
        r.read();
        chip.fault(dev.wren.hardware.simulator.Fault.NACK);
        assertEquals(Fault.BUS_ERROR, assertThrows(SensorException.class, r::read).fault());
        chip.fault(dev.wren.hardware.simulator.Fault.TIMEOUT);
        assertEquals(Fault.TIMEOUT, assertThrows(SensorException.class, r::read).fault());
        chip.fault(dev.wren.hardware.simulator.Fault.NONE);
        assertEquals(4, r.read().size());

        board.unplug(1, 0x40);
        assertEquals(Fault.BUS_ERROR, assertThrows(SensorException.class, r::read).fault());
        plug(0x40);
        battery.loadCurrentA(0.9);
        assertEquals(0.9, values(r.read()).get("current"), 1e-4, "a power-cycled chip is calibrated again");
    }

    @Test
    void corruptedBytesAreCaught() {
        SimDevice chip = plug(0x40);
        Ina219Reader r = reader(Map.of());
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
        assertEquals(20, failed, "every corrupted read is caught");
    }
}
