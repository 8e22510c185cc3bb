package dev.wren.driver.ads1115;

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
import dev.wren.hardware.simulator.ManualClock;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimClock;
import dev.wren.hardware.simulator.SimDevice;
import dev.wren.hardware.simulator.chips.Ads1115Chip;
import dev.wren.hardware.simulator.chips.Ina219Chip;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;

class Ads1115ReaderTest {

    private final SimBoard board = new SimBoard(SimClock.system(), 3);
    private final SimContext bus = new SimContext(board);
    private final Ads1115Chip adc = new Ads1115Chip(board.clock());

    @AfterEach
    void close() {
        bus.close();
    }

    private Ads1115Reader reader(SimContext on, Map<String, Object> overrides) {
        Ads1115.Settings s = Configs.settings(overrides);
        return new Ads1115Reader(on.open(s.bus(), s.address()), s);
    }

    static Map<String, Double> values(List<Reading> readings) {
        return readings.stream().collect(Collectors.toMap(Reading::quantity, Reading::value));
    }

    @Test
    void readsEveryInputThroughPi4j() throws SensorException {
        board.plug(1, 0x48, adc);
        double[] volts = {0.0, 1.25, 3.3, 2.0};
        for (int i = 0; i < 4; i++) {
            adc.input(i, volts[i]);
        }
        List<Reading> r = reader(bus, Map.of("data.rate.sps", 860)).read();
        assertEquals(List.of("ain0", "ain1", "ain2", "ain3"), r.stream().map(Reading::quantity).toList());
        for (int i = 0; i < 4; i++) {
            assertEquals(volts[i], r.get(i).value(), 4.096 / 32768, "AIN" + i);
            assertEquals("V", r.get(i).unit());
        }
    }

    @Test
    void codesAtEveryGainAreDatasheetSteps() throws SensorException {
        board.plug(1, 0x48, adc);
        adc.input(1, 0.2);
        double[] fsr = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256};
        for (double f : fsr) {
            try (SimContext b = new SimContext(board)) {
                double v = values(reader(b, Map.of("channels", "1", "full.scale.v", f, "data.rate.sps", 860)).read()).get("ain1");
                long code = Math.round(0.2 * 32768 / f);
                assertEquals(code * f / 32768, v, 1e-12, "PGA +-" + f + " V");
            }
        }
    }

    @Test
    void namesScalesAndASubsetOfInputs() throws SensorException {
        BatteryModel battery = BatteryModel.typical(board.clock());
        board.plug(1, 0x4B, adc);
        adc.input(3, () -> battery.terminalVolts() / 2);
        adc.input(0, 0.5);
        Map<String, Double> v = values(reader(bus, Map.of("i2c.address", "0x4B", "channels", "3, 0",
                "ain3.quantity", "battery.voltage", "ain3.scale", 2.0, "ain0.quantity", "light", "ain0.scale", 200.0,
                "data.rate.sps", 475)).read());
        assertEquals(2, v.size());
        assertEquals(battery.terminalVolts(), v.get("battery.voltage"), 2 * 4.096 / 32768);
        assertEquals(100, v.get("light"), 200 * 4.096 / 32768);
    }

    @Test
    void anInputBeyondFullScaleIsOutOfRange() {
        board.plug(1, 0x48, adc);
        adc.input(2, 0.3);
        SensorException e = assertThrows(SensorException.class,
                () -> reader(bus, Map.of("channels", "2", "full.scale.v", 0.256, "data.rate.sps", 860)).read());
        assertEquals(Fault.OUT_OF_RANGE, e.fault());
        assertTrue(e.getMessage().contains("AIN2") && e.getMessage().contains("0.256"), e.getMessage());
    }

    @Test
    void anInaAtTheAddressIsTheWrongChip() {
        board.plug(1, 0x48, new Ina219Chip(board.clock(), 0.1, () -> 5.0, () -> 0.8));
        SensorException e = assertThrows(SensorException.class, () -> reader(bus, Map.of()).read());
        assertEquals(Fault.WRONG_CHIP, e.fault());
        assertTrue(e.getMessage().contains("0x48 on i2c-1"), e.getMessage());
    }

    @Test
    void aConversionThatNeverEndsTimesOut() {
        SimBoard frozen = new SimBoard(new ManualClock(), 3);
        frozen.plug(1, 0x48, new Ads1115Chip(frozen.clock()));
        try (SimContext b = new SimContext(frozen)) {
            SensorException e = assertThrows(SensorException.class, () -> reader(b, Map.of("data.rate.sps", 860)).read());
            assertEquals(Fault.TIMEOUT, e.fault());
            assertTrue(e.getMessage().contains("still converting AIN0"), e.getMessage());
        }
    }

    @Test
    void busFaultsAreTypedAndTheReaderRecovers() throws SensorException {
        SimDevice chip = board.plug(1, 0x48, adc);
        Ads1115Reader r = reader(bus, Map.of("data.rate.sps", 860));
        r.read();
        chip.fault(dev.wren.hardware.simulator.Fault.NACK);
        assertEquals(Fault.BUS_ERROR, assertThrows(SensorException.class, r::read).fault());
        chip.fault(dev.wren.hardware.simulator.Fault.TIMEOUT);
        assertEquals(Fault.TIMEOUT, assertThrows(SensorException.class, r::read).fault());
        chip.fault(dev.wren.hardware.simulator.Fault.NONE);
        assertEquals(4, r.read().size());
    }

    @Test
    void corruptedBytesAreCaught() throws SensorException {
        SimDevice chip = board.plug(1, 0x48, adc);
        Ads1115Reader r = reader(bus, Map.of("data.rate.sps", 860));
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
        assertEquals(20, failed, "every corrupted read is caught");
    }

    @Test
    void configurationErrorsNameTheProperty() {
        assertEquals("i2c.address: must be one of 0x48, 0x49, 0x4A, 0x4B, was '0x40'", message(Map.of("i2c.address", "0x40")));
        assertEquals("channels: must be inputs 0 to 3, comma separated, was '0,4'", message(Map.of("channels", "0,4")));
        assertEquals("channels: input 1 is listed twice in '1,1'", message(Map.of("channels", "1,1")));
        assertEquals("channels: must be inputs 0 to 3, comma separated, was ''", message(Map.of("channels", "")));
        assertTrue(message(Map.of("full.scale.v", 5.0)).startsWith("full.scale.v: must be 6.144"));
        assertTrue(message(Map.of("data.rate.sps", 100)).startsWith("data.rate.sps: must be 8, 16"));
        assertTrue(message(Map.of("ain2.quantity", "Solar V")).startsWith("ain2.quantity: must be lower case"));
        assertEquals("ain1.quantity: 'ain0' is already the quantity of AIN0", message(Map.of("ain1.quantity", "ain0")));
        assertTrue(message(Map.of("ain3.scale", 0.0)).startsWith("ain3.scale: must be a non-zero number"));
        assertTrue(message(Map.of("sampling.period.degraded.ms", -1L)).startsWith("sampling.period.degraded.ms: "));
    }

    private static String message(Map<String, Object> overrides) {
        return assertThrows(IllegalArgumentException.class, () -> Configs.settings(overrides)).getMessage();
    }
}
