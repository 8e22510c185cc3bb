package dev.wren.driver.max17048;

import java.util.Map;

import dev.wren.hardware.testing.RecordingBoard;

/** A Config with the OCD's defaults, overridden by dotted property names, as SCR builds it. */
final class Configs {

    private Configs() {
    }

    static Max17048.Config of(Map<String, Object> overrides) {
        return RecordingBoard.config(Max17048.Config.class, overrides);
    }

    static Max17048.Settings settings(Map<String, Object> overrides) {
        return Max17048.Settings.of(of(overrides));
    }
}
