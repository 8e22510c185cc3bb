package dev.wren.driver.mpu6050;

import java.util.Map;

import dev.wren.hardware.testing.RecordingBoard;

/** A {@link Mpu6050.Config} as SCR builds it: the OCD's defaults, overridden by dotted property names. */
final class Configs {

    private Configs() {
    }

    static Mpu6050.Config of(Map<String, Object> overrides) {
        return RecordingBoard.config(Mpu6050.Config.class, overrides);
    }

    static Mpu6050.Settings settings(Map<String, Object> overrides) {
        return Mpu6050.Settings.of(of(overrides));
    }
}
