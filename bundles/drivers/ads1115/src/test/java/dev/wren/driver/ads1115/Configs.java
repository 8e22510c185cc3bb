package dev.wren.driver.ads1115;

import java.util.Map;

import dev.wren.hardware.testing.RecordingBoard;

/** A Config with the OCD's defaults, overridden by dotted property names, as SCR builds it. */
final class Configs {

    private Configs() {
    }

    static Ads1115.Config of(Map<String, Object> overrides) {
        return RecordingBoard.config(Ads1115.Config.class, overrides);
    }

    static Ads1115.Settings settings(Map<String, Object> overrides) {
        return Ads1115.Settings.of(of(overrides));
    }
}
