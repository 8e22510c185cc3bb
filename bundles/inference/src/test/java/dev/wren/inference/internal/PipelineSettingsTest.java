package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The pipeline's configuration rules: each refusal names its property. */
class PipelineSettingsTest {

    /** A Config with the annotation's defaults, {@code values} (by property name) replacing some. */
    private static Pipeline.Config config(Map<String, Object> values) {
        return (Pipeline.Config) Proxy.newProxyInstance(Pipeline.Config.class.getClassLoader(),
                new Class<?>[] {Pipeline.Config.class}, (proxy, method, args) -> {
                    String property = method.getName().replace('_', '.');
                    return values.containsKey(property) ? values.get(property) : method.getDefaultValue();
                });
    }

    private static String refused(String property, Object value) {
        return assertThrows(IllegalArgumentException.class,
                () -> Pipeline.Settings.of(config(Map.of(property, value)))).getMessage();
    }

    @Test
    void theDefaultsSendOneRawWindowPerMinuteAndAnalyseEveryFourthInMinimal() {
        Pipeline.Settings s = Pipeline.Settings.of(config(Map.of()));
        assertEquals(new Lane.Thinning(4, 60_000), s.thinning());
        assertEquals(1024, s.frames());
    }

    @Test
    void everyRefusalNamesItsProperty() {
        assertTrue(refused("raw.interval.s", -1L).startsWith("raw.interval.s: must be 0 to 86400"));
        assertTrue(refused("raw.interval.s", 100_000L).startsWith("raw.interval.s:"));
        assertTrue(refused("minimal.every", 0).startsWith("minimal.every:"));
        assertTrue(refused("analysis.frames", 1000).startsWith("analysis.frames:"));
        assertTrue(refused("debounce.windows", 0).startsWith("debounce.windows:"));
        assertTrue(refused("hysteresis", 1.5).startsWith("hysteresis:"));
        assertTrue(refused("trigger.model", " ").startsWith("trigger.model: required"));
    }
}
