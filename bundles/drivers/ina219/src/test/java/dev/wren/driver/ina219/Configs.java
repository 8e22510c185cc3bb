package dev.wren.driver.ina219;

import java.util.Map;

import dev.wren.hardware.testing.RecordingBoard;

/** A Config with the OCD's defaults, overridden by dotted property names, as SCR builds it. */
final class Configs {

    private Configs() {
    }

    static Ina219.Config of(Map<String, Object> overrides) {
        return RecordingBoard.config(Ina219.Config.class, overrides);
    }

    static Ina219.Settings settings(Map<String, Object> overrides) {
        return Ina219.Settings.of(of(overrides));
    }
}
