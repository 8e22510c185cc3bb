package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wren.power.PowerMode;

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
        assertEquals("raspberrypi-4", s.board("simulated").id(), "auto: the simulated board counts as a Pi 4");
        assertEquals("raspberrypi-5", s.board("raspberrypi-5").id(), "auto: the platform's board");
        assertEquals("generic-aarch64", Settings.of(Map.of("board.profile", "generic-aarch64")).board("raspberrypi-5").id(),
                "configured wins");
        BoardProfile pi4 = s.board(null);
        assertEquals(3.06, s.modelWatts(PowerMode.FULL, pi4, 0), "the board's idle, published");
        assertEquals(2.81, s.modelWatts(PowerMode.MINIMAL, pi4, 0.25), 1e-9, "less the savings");
        assertEquals(1.2, Settings.of(Map.of("power.minimal.w", 1.2)).modelWatts(PowerMode.MINIMAL, pi4, 0.25),
                "the operator's figure as given");
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
                refusal(Map.of("power.degraded.w", 1.6, "power.minimal.w", 2.0)));
        assertEquals("power.minimal.w: must not be above power.full.w (1.5), was 2",
                refusal(Map.of("power.full.w", 1.5, "power.minimal.w", 2.0)));
        assertEquals("battery.nominal.v: must be above battery.empty.v (3), was 2.9",
                refusal(Map.of("battery.nominal.v", 2.9)));
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
        assertEquals("board.profile: must be auto, raspberrypi-4, raspberrypi-5 or generic-aarch64, was 'pi3'",
                refusal(Map.of("board.profile", "pi3")));
        assertEquals("power.full.w: must be 0 (the board profile's) or between 0.01 and 1000, was 0.001",
                refusal(Map.of("power.full.w", 0.001)));
    }
}
