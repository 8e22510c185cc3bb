package dev.wren.driver.ina219;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void formulaOfTheDatasheet() {
        Calibration c = Calibration.forMaxCurrent(0.1, 3.2);
        assertEquals(4194, c.register(), "trunc(0.04096 / (97.66 uA x 0.1 ohm))");
        assertEquals(97.66e-6, c.ampsPerBit(), 0.01e-6);
        assertEquals(20 * c.ampsPerBit(), c.wattsPerBit(), 1e-12);
        Calibration example = Calibration.forMaxCurrent(0.1, 32768 * 100e-6);
        assertEquals(4096, example.register(), "section 8.5.1: Current_LSB 100 uA, 0.1 ohm");
        assertEquals(100e-6, example.ampsPerBit(), 1e-12);
        assertEquals(2e-3, example.wattsPerBit(), 1e-12);
    }

    @Test
    void bitZeroIsVoidSoTheRegisterIsEven() {
        Calibration c = Calibration.forMaxCurrent(0.1, 2.0);
        assertEquals(6710, c.register(), "trunc(6710.886) = 6710");
        assertEquals(0, Calibration.forMaxCurrent(0.05, 1.0).register() & 1);
        assertEquals(26842, Calibration.forMaxCurrent(0.05, 1.0).register(), "26843 rounded down to even");
    }

    @Test
    void aCalibrationBeyond16BitsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Calibration.forMaxCurrent(0.001, 0.01));
        assertTrue(e.getMessage().startsWith("max.current.a: 0.01 A through shunt.ohms 0.001 ohm gives a calibration of 1342177"),
                e.getMessage());
        assertTrue(e.getMessage().contains("16-bit"), e.getMessage());
    }

    @Test
    void settingsChooseTheSmallestGainThatHoldsTheMaximum() {
        assertEquals(32_000, Configs.settings(Map.of()).shuntLimit());
        assertEquals(0x399B, Configs.settings(Map.of()).config(), "32 V, /8, 12 bit, triggered");
        assertEquals(1_064_000, Configs.settings(Map.of()).cycleNanos());
        assertEquals(4000, Configs.settings(Map.of("max.current.a", 0.4)).shuntLimit());
        assertEquals(8000, Configs.settings(Map.of("max.current.a", 0.8)).shuntLimit());
        Ina219.Settings s = Configs.settings(Map.of("bus.range.v", 16, "samples.averaged", 128, "max.current.a", 1.0));
        assertEquals(0x17FB, s.config(), "16 V, /4, 128 samples, triggered");
        assertEquals(2 * 68_100_000L, s.cycleNanos());
    }

    @Test
    void configurationErrorsNameTheProperty() {
        assertEquals("i2c.address: must be one of 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, "
                + "0x4C, 0x4D, 0x4E, 0x4F, was '0x50'", message(Map.of("i2c.address", "0x50")));
        assertTrue(message(Map.of("max.current.a", 10.0)).startsWith("max.current.a: 10.0 A through shunt.ohms 0.1 ohm drops 1000 mV"));
        assertTrue(message(Map.of("shunt.ohms", 0.0)).startsWith("shunt.ohms: "));
        assertTrue(message(Map.of("bus.range.v", 24)).startsWith("bus.range.v: must be 16 or 32"));
        assertTrue(message(Map.of("samples.averaged", 3)).startsWith("samples.averaged: "));
        assertTrue(message(Map.of("i2c.bus", -1)).startsWith("i2c.bus: "));
        assertTrue(message(Map.of("sensor.id", "a b")).startsWith("sensor.id: "));
        assertTrue(message(Map.of("sampling.period.minimal.ms", 5L)).startsWith("sampling.period.minimal.ms: "));
    }

    private static String message(Map<String, Object> overrides) {
        return assertThrows(IllegalArgumentException.class, () -> Configs.settings(overrides)).getMessage();
    }
}
