package dev.wren.driver.mpu6050;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsCaptureAt1kHzOn4g() {
        Mpu6050.Settings s = Configs.settings(Map.of());
        assertEquals(new Mpu6050.Settings("vibration", 1, 0x68, 1000, 0, 1, 1), s);
        assertEquals(8192, s.countsPerG());
    }

    @Test
    void dividerFollowsTheGyroRate() {
        assertEquals(4, Configs.settings(Map.of("sample.rate.hz", 200)).divider());
        assertEquals(249, Configs.settings(Map.of("sample.rate.hz", 4, "sampling.period.degraded.ms", 0L)).divider());
        assertEquals(7, Configs.settings(Map.of("dlpf", 0)).divider());
        assertEquals(199, Configs.settings(Map.of("dlpf", 0, "sample.rate.hz", 40)).divider());
        assertEquals(0x69, Configs.settings(Map.of("i2c.address", "0x69")).address());
        assertEquals(3, Configs.settings(Map.of("accel.range.g", 16)).range());
    }

    @Test
    void refusalsNameThePropertyAndTheRule() {
        assertEquals("i2c.address: must be one of 0x68, 0x69, was '0x76'", refusal(Map.of("i2c.address", "0x76")));
        assertEquals("i2c.bus: must be 0 to 31, was 40", refusal(Map.of("i2c.bus", 40)));
        assertEquals("sample.rate.hz: must be 1000 divided by a whole number, from 4 to 1000 Hz, was 300",
                refusal(Map.of("sample.rate.hz", 300)));
        assertEquals("sample.rate.hz: must be 1000 divided by a whole number, from 4 to 1000 Hz, was 2000",
                refusal(Map.of("sample.rate.hz", 2000)));
        assertEquals("sample.rate.hz: must be 1000 divided by a whole number, from 40 (with dlpf 0) to 1000 Hz, was 25",
                refusal(Map.of("sample.rate.hz", 25, "dlpf", 0)));
        assertEquals("accel.range.g: must be 2, 4, 8 or 16, was 3", refusal(Map.of("accel.range.g", 3)));
        assertEquals("dlpf: must be 0 to 6, was 7", refusal(Map.of("dlpf", 7)));
        assertEquals("sensor.id", refusal(Map.of("sensor.id", "a b")).substring(0, 9));
    }

    @Test
    void periodsThatWouldOverflowTheFifoAreRefused() {
        assertEquals("sampling.period.full.ms: at 1000 Hz the FIFO overflows after 170 ms (170 samples); "
                + "the period must be at most 153 ms, was 200", refusal(Map.of("sampling.period.full.ms", 200L)));
        assertEquals("sampling.period.minimal.ms: at 1000 Hz the FIFO overflows after 170 ms (170 samples); "
                + "the period must be at most 153 ms, was 1000", refusal(Map.of("sampling.period.minimal.ms", 1000L)));
        Configs.settings(Map.of("sampling.period.full.ms", 153L));
        Configs.settings(Map.of("sample.rate.hz", 100, "sampling.period.full.ms", 1000L, "sampling.period.degraded.ms", 1530L));
        assertEquals("sampling.period.degraded.ms: at 100 Hz the FIFO overflows after 1700 ms (170 samples); "
                + "the period must be at most 1530 ms, was 1531",
                refusal(Map.of("sample.rate.hz", 100, "sampling.period.degraded.ms", 1531L)));
        assertEquals("sampling.period.full.ms", refusal(Map.of("sampling.period.full.ms", 5L)).substring(0, 23));
    }

    private static String refusal(Map<String, Object> overrides) {
        return assertThrows(IllegalArgumentException.class, () -> Configs.settings(overrides)).getMessage();
    }
}
