package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Contradictory or out-of-range configurations are refused with the names of the properties. */
class SettingsTest {

    private static String refusal(Map<String, ?> p) {
        return assertThrows(IllegalArgumentException.class, () -> Settings.of(p)).getMessage();
    }

    @Test
    void defaults() {
        Settings s = Settings.defaults();
        assertEquals(10, s.minimalEnter());
        assertEquals(60_000, s.dwellMillis());
        assertEquals(37, s.capacityWh());
    }

    @Test
    void contradictoryThresholdsNameBoth() {
        assertEquals("minimal.exit: must be above minimal.enter (10), was 8", refusal(Map.of("minimal.exit", 8)));
        assertEquals("degraded.exit: must be above degraded.enter (30), was 30", refusal(Map.of("degraded.exit", 30)));
        assertEquals("minimal.enter: must not be above degraded.enter (20), was 25",
                refusal(Map.of("minimal.enter", 25, "minimal.exit", 26, "degraded.enter", 20)));
        assertEquals("minimal.exit: must not be above degraded.exit (35), was 40", refusal(Map.of("minimal.exit", 40)));
        assertEquals("temperature.critical: must be above temperature.warm (90), was 85",
                refusal(Map.of("temperature.warm", 90)));
        assertEquals("temperature.hysteresis: must be less than temperature.critical - temperature.warm (10), was 12",
                refusal(Map.of("temperature.hysteresis", 12)));
        assertEquals("power.minimal.w: must not be above power.degraded.w (1.6), was 2",
                refusal(Map.of("power.minimal.w", 2.0)));
    }

    @Test
    void badValues() {
        assertEquals("mode.override: must be empty (automatic), FULL, DEGRADED or MINIMAL, was 'ECO'",
                refusal(Map.of("mode.override", "ECO")));
        assertEquals("minimal.enter: must be between 0 and 100, was -1", refusal(Map.of("minimal.enter", -1)));
        assertEquals("dwell.s: must be a number, was 'soon'", refusal(Map.of("dwell.s", "soon")));
        assertEquals("battery.capacity.wh: must be between 0.1 and 100000, was NaN",
                refusal(Map.of("battery.capacity.wh", Double.NaN)));
        assertEquals("stale.s: must be between 1 and 604800, was 0", refusal(Map.of("stale.s", 0)));
    }
}
