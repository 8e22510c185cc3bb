package dev.wren.driver.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wren.hardware.testing.RecordingBoard;

class SettingsTest {

    static Gpio.Config config(Map<String, Object> overrides) {
        return RecordingBoard.config(Gpio.Config.class, overrides);
    }

    private static String refused(Map<String, Object> overrides) {
        return assertThrows(IllegalArgumentException.class, () -> Gpio.Settings.of(config(overrides))).getMessage();
    }

    @Test
    void defaultsDescribeAPirOnLine17() {
        Gpio.Settings s = Gpio.Settings.of(config(Map.of()));
        assertEquals(17, s.line());
        assertEquals("motion", s.quantity());
        assertEquals(false, s.output());
    }

    @Test
    void refusalsNameTheProperty() {
        assertTrue(refused(Map.of("direction", "both")).startsWith("direction: must be input or output"));
        assertTrue(refused(Map.of("line", -1)).startsWith("line: must be 0 to 511"));
        assertTrue(refused(Map.of("pull", "sideways")).startsWith("pull: must be off, up or down"));
        assertTrue(refused(Map.of("quantity", "Relay 1")).startsWith("quantity: must be"));
        assertTrue(refused(Map.of("debounce.us", -5L)).startsWith("debounce.us: must be 0 to 1000000"));
        assertTrue(refused(Map.of("sensor.id", "a b")).startsWith("sensor.id:"));
    }

    @Test
    void onlyLineChangesReopenTheLine() {
        Gpio.Settings a = Gpio.Settings.of(config(Map.of("direction", "output", "quantity", "relay")));
        Gpio.Settings b = Gpio.Settings.of(config(Map.of("direction", "output", "quantity", "relay", "output.active", true)));
        Gpio.Settings c = Gpio.Settings.of(config(Map.of("direction", "output", "quantity", "relay", "line", 27)));
        assertTrue(a.sameLine(b));
        assertTrue(!a.sameLine(c));
    }
}
