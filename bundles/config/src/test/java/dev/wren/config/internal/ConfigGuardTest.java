package dev.wren.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigGuardTest {

    static final String PID = "dev.wren.sampling.Sampler";

    @TempDir
    Path dir;

    final List<String> log = new ArrayList<>();

    final Map<String, Rule> rules = new LinkedHashMap<>();

    {
        rules.put("threads", ValidatorTest.THREADS);
        rules.put("sensor.id", ValidatorTest.NAME);
        rules.put("seeds", ValidatorTest.SEEDS);
    }

    final Refusals refusals = new Refusals();

    ConfigGuard guard() {
        return new ConfigGuard(null, new LastGood(dir), log::add, refusals);
    }

    static Hashtable<String, Object> props(Object... kv) {
        Hashtable<String, Object> p = new Hashtable<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void aRefusedValueWithoutHistoryFallsBackToTheDefault() {
        Hashtable<String, Object> p = props("threads", "0", "sensor.id", "air");
        guard().guard(PID, rules, p);
        assertNull(p.get("threads"));
        assertEquals("air", p.get("sensor.id"));
        assertEquals(1, log.size());
        assertEquals("Configuration dev.wren.sampling.Sampler: threads refused (metatype: less than minimum; "
                + "rule: integer, >= 1, <= 8, required), value \"0\"; running the default \"1\" instead",
                log.get(0));
    }

    @Test
    void aRefusalStaysInForceUntilTheConfigurationIsDeliveredWithAnAcceptedValue() {
        guard().guard(PID, rules, props("threads", "0", "sensor.id", "air"));
        guard().guard("dev.wren.power.PowerManager", rules, props("threads", "3"));
        assertEquals(1, refusals.current().size());
        dev.wren.config.RefusedSettings.Refusal r = refusals.current().get(0);
        assertEquals(PID, r.pid());
        assertEquals("threads", r.property());
        assertEquals("\"0\"", r.value());
        assertEquals("metatype: less than minimum", r.reason());
        assertEquals("integer, >= 1, <= 8, required", r.rule());
        assertEquals("the default \"1\"", r.running());

        guard().guard(PID, rules, props("threads", "4", "sensor.id", "air"));
        assertTrue(refusals.current().isEmpty(), refusals.current().toString());
        guard().guard(PID, rules, props("threads", "9"));
        refusals.deleted(PID);
        assertTrue(refusals.current().isEmpty());
    }

    @Test
    void theLastGoodValueSurvivesARestartAndRunsInsteadOfARefusedOne() {
        guard().guard(PID, rules, props("threads", 2, "seeds", new String[] {"a:1", "b:2"}));
        assertTrue(log.isEmpty());

        ConfigGuard afterRestart = guard();
        Hashtable<String, Object> p = props("threads", "abc", "seeds", new String[] {"a", "b", "c", "d"});
        afterRestart.guard(PID, rules, p);
        assertEquals(2, p.get("threads"));
        assertTrue(java.util.Arrays.equals(new String[] {"a:1", "b:2"}, (String[]) p.get("seeds")));
        assertEquals(2, log.size());
        assertTrue(log.get(0).endsWith("value \"abc\"; running the last good value \"2\" instead"), log.get(0));
        assertTrue(log.get(1).contains("running the last good value [\"a:1\", \"b:2\"] instead"), log.get(1));
    }

    @Test
    void theRefusalLineEscapesTheValue() {
        Hashtable<String, Object> p = props("sensor.id", "air\n2026-12-04 WARN forged\u0000" + "x".repeat(500));
        guard().guard(PID, rules, p);
        String line = log.get(0);
        assertFalse(line.chars().anyMatch(c -> Character.isISOControl(c)), line);
        assertTrue(line.contains("\"air\\n2026-12-04 WARN forged\\u0000xxx"), line);
        assertTrue(line.contains("... (527 characters)"), line);
        assertTrue(line.contains("sensor.id refused (no control characters"), line);
    }

    @Test
    void propertiesWithoutARuleAreLeftAlone() {
        Hashtable<String, Object> p = props("component.name", "x\ny", "threads", 3);
        guard().guard(PID, rules, p);
        assertEquals("x\ny", p.get("component.name"));
        assertEquals(3, p.get("threads"));
        assertTrue(log.isEmpty());
    }
}
