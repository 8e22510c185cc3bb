package dev.wren.driver.bme280;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wren.hardware.testing.RecordingBoard;
import dev.wren.hardware.simulator.SimContext;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimClock;
import dev.wren.hardware.simulator.SimDevice;
import dev.wren.hardware.simulator.chips.Bme280Calibration;
import dev.wren.hardware.simulator.chips.Bme280Chip;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;

class Bme280ReaderTest {

    private final SimBoard board = new SimBoard(SimClock.system(), 7);
    private final SimContext bus = new SimContext(board);

    @AfterEach
    void close() {
        bus.close();
    }

    private Bme280Reader reader(Bme280.Config config) {
        Bme280.Settings s = Bme280.Settings.of(config);
        return new Bme280Reader(bus.open(s.bus(), s.address()), s);
    }

    private static Map<String, Double> values(List<Reading> readings) {
        return readings.stream().collect(Collectors.toMap(Reading::quantity, Reading::value));
    }

    @Test
    void readsWhatTheAirIsThroughPi4j() throws SensorException {
        board.plug(1, 0x76, new Bme280Chip(board.clock(), board.environment()));
        board.environment().temperatureC(25.08);
        board.environment().pressurePa(100653.27);
        board.environment().humidityPercent(61.5);
        Map<String, Double> v = values(reader(config(Map.of())).read());
        assertEquals(25.08, v.get("temperature"), 0.01);
        assertEquals(100653.27, v.get("pressure"), 2.0);
        assertEquals(61.5, v.get("humidity"), 0.05);

        board.environment().temperatureC(-12.5);
        board.environment().pressurePa(87_000);
        board.environment().humidityPercent(12);
        Bme280Reader r = reader(config(Map.of("i2c.address", "0x77", "oversampling.humidity", 0)));
        board.plug(1, 0x77, new Bme280Chip(board.clock(), board.environment()));
        v = values(r.read());
        assertEquals(-12.5, v.get("temperature"), 0.01);
        assertEquals(87_000, v.get("pressure"), 2.0);
        assertEquals(null, v.get("humidity"));
    }

    @Test
    void aBmp280IsTheWrongChip() {
        board.plug(1, 0x76, new Bme280Chip(board.clock(), board.environment(), Bme280Calibration.EXAMPLE, 0x58));
        SensorException e = assertThrows(SensorException.class, () -> reader(config(Map.of())).read());
        assertEquals(Fault.WRONG_CHIP, e.fault());
        assertTrue(e.getMessage().contains("BMP280"), e.getMessage());
        assertTrue(e.getMessage().contains("0x76 on i2c-1"), e.getMessage());
    }

    @Test
    void busFaultsAreTypedAndTheReaderRecovers() throws SensorException {
        SimDevice chip = board.plug(1, 0x76, new Bme280Chip(board.clock(), board.environment()));
        Bme280Reader r = reader(config(Map.of()));
        r.read();
        chip.fault(dev.wren.hardware.simulator.Fault.NACK);
        assertEquals(Fault.BUS_ERROR, assertThrows(SensorException.class, r::read).fault());
        chip.fault(dev.wren.hardware.simulator.Fault.TIMEOUT);
        assertEquals(Fault.TIMEOUT, assertThrows(SensorException.class, r::read).fault());
        chip.fault(dev.wren.hardware.simulator.Fault.NONE);
        assertEquals(3, r.read().size());
    }

    @Test
    void anIntermittentChipFailsSomeReadsTypedAndTheOthersAreRight() {
        SimDevice chip = board.plug(1, 0x76, new Bme280Chip(board.clock(), board.environment()));
        board.environment().temperatureC(18.25);
        Bme280Reader r = reader(config(Map.of()));
        chip.failureShare(0.2);
        chip.fault(dev.wren.hardware.simulator.Fault.INTERMITTENT);
        int good = 0;
        int failed = 0;
        for (int i = 0; i < 30; i++) {
            try {
                assertEquals(18.25, values(r.read()).get("temperature"), 0.01);
                good++;
            } catch (SensorException e) {
                assertEquals(Fault.BUS_ERROR, e.fault(), e.getMessage());
                failed++;
            }
        }
        // a fifth of the transactions lost: NACKed ones are tried again, so most reads succeed whole
        assertTrue(good >= 25, good + " good, " + failed + " failed");
        // at least the id check, the trigger and the data burst per read (a read cut short by a NACK does fewer)
        assertTrue(chip.transactions() > 30 * 5, "the reads went over the bus: " + chip.transactions());
    }

    @Test
    void aChipPulledOutAndPluggedBackIsReadAgain() throws SensorException {
        board.plug(1, 0x76, new Bme280Chip(board.clock(), board.environment()));
        Bme280Reader r = reader(config(Map.of()));
        r.read();
        board.unplug(1, 0x76);
        SensorException e = assertThrows(SensorException.class, r::read);
        assertEquals(Fault.BUS_ERROR, e.fault());
        assertTrue(e.getMessage().startsWith("no ACK from 0x76 on i2c-1"), e.getMessage());
        board.plug(1, 0x76, new Bme280Chip(board.clock(), board.environment()));
        assertEquals(3, r.read().size(), "the new chip is checked, reset and calibrated again");
    }

    @Test
    void corruptedBytesAreNeverReadingsSilently() {
        SimDevice chip = board.plug(1, 0x76, new Bme280Chip(board.clock(), board.environment()));
        Bme280Reader r = reader(config(Map.of()));
        chip.fault(dev.wren.hardware.simulator.Fault.CORRUPT);
        int failed = 0;
        for (int i = 0; i < 20; i++) {
            try {
                Map<String, Double> v = values(r.read());
                // a flipped bit can still give a plausible value; it must at least be physical
                assertTrue(v.get("temperature") >= -40 && v.get("temperature") <= 85);
            } catch (SensorException e) {
                failed++;
                assertTrue(e.fault() == Fault.CORRUPT_DATA || e.fault() == Fault.OUT_OF_RANGE
                        || e.fault() == Fault.WRONG_CHIP, e.fault() + ": " + e.getMessage());
            }
        }
        assertTrue(failed > 10, "most corrupted reads are caught, " + failed + " of 20");
    }

    @Test
    void configurationErrorsNameTheProperty() {
        assertEquals("i2c.address: must be one of 0x76, 0x77, was '0x40'",
                assertThrows(IllegalArgumentException.class, () -> Bme280.Settings.of(config(Map.of("i2c.address", "0x40")))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Bme280.Settings.of(config(Map.of("oversampling.temperature", 3)))).getMessage()
                .startsWith("oversampling.temperature: must be 1, 2, 4, 8 or 16, was 3"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Bme280.Settings.of(config(Map.of("sampling.period.full.ms", 5L)))).getMessage()
                .startsWith("sampling.period.full.ms"));
    }
    static Bme280.Config config(Map<String, Object> overrides) {
        return RecordingBoard.config(Bme280.Config.class, overrides);
    }

}
