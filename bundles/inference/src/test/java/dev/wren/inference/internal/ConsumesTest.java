package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a descriptor may ask for, and how a wrong ask is refused by name. */
class ConsumesTest {

    private static final Map<String, Object> AIR = Map.of("sensors", "(sensor.kind=bme280)", "quantities",
            List.of("temperature", "humidity"), "window.s", 60.0);

    private static String refusal(String features, Object consumes, int inputs) {
        return assertThrows(IllegalArgumentException.class, () -> Consumes.check(features, consumes, inputs)).getMessage();
    }

    @Test
    void aSummaryModelSaysWhatItConsumes() {
        Consumes c = Consumes.check("summary-v1", AIR, 10);
        assertEquals(List.of("temperature", "humidity"), c.quantities());
        assertEquals(60_000, c.windowMs());
        assertEquals(2, c.minReadings());
        assertEquals(1, c.indexOf("humidity"));
        assertEquals(null, Consumes.check("vibration-v1", null, 24));
        assertEquals(1024, Consumes.check("vibration-v1", Map.of("sensors", "(sensor.kind=mpu6050)"), 24).frames());
    }

    @Test
    void wrongAsksAreRefusedNamingTheField() {
        assertEquals("features: unknown feature set 'fft-v9'; this gateway computes vibration-v1, summary-v1",
                refusal("fft-v9", AIR, 10));
        assertEquals("consumes: required object for a summary-v1 model", refusal("summary-v1", null, 10));
        assertEquals("inputs: summary-v1 of 2 quantities is 10 values, the input is 24", refusal("summary-v1", AIR, 24));
        assertEquals("consumes.sensors: not an LDAP filter: 'sensor.kind=bme280'",
                refusal("summary-v1", Map.of("sensors", "sensor.kind=bme280", "quantities", List.of("t"), "window.s", 1.0), 5));
        assertEquals("consumes.window.s: must be 1 to 86400, was 0.0",
                refusal("summary-v1", Map.of("sensors", "(a=b)", "quantities", List.of("t"), "window.s", 0.0), 5));
        assertEquals("consumes.quantities: distinct quantity names, was [t, t]",
                refusal("summary-v1", Map.of("sensors", "(a=b)", "quantities", List.of("t", "t"), "window.s", 1.0), 10));
        assertEquals("consumes.frames: 256, 512, 1024, 2048 or 4096, was 1000.0",
                refusal("vibration-v1", Map.of("sensors", "(sensor.kind=mpu6050)", "frames", 1000.0), 24));
        assertEquals("inputs: vibration-v1 is 24 values, the input is 10", refusal("vibration-v1", null, 10));
    }
}
