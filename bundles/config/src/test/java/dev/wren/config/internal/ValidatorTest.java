package dev.wren.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ValidatorTest {

    static final Rule THREADS = Ads.rule("threads", "Integer", "1", "8", "1", 0, true);
    static final Rule PERIOD = Ads.rule("period.ms", "Long", "0", "86400000", "10000", 0, true);
    static final Rule SCORE = Ads.rule("hysteresis", "Double", "0", "1", "0.15", 0, true);
    static final Rule NAME = Ads.rule("sensor.id", "String", null, null, "bme280", 0, true);
    static final Rule OPTIONAL = Ads.rule("supply", "String", null, null, "", 0, false);
    static final Rule MODE = Ads.rule("when.full", "String", null, null, "evict", 0, true, "evict", "reject");
    static final Rule FLAG = Ads.rule("canary.enabled", "Boolean", null, null, "true", 0, true);
    static final Rule SEEDS = Ads.rule("seeds", "String", null, null, "", 3, false);

    static String refusal(Rule rule, Object value) {
        return Validator.check(rule, value).refusal();
    }

    @Test
    void acceptsGoodValuesAsStringsAndAsTypes() {
        assertEquals(List.of("2"), Validator.check(THREADS, "2").canonical());
        assertEquals(List.of("2"), Validator.check(THREADS, 2).canonical());
        assertEquals(List.of("2"), Validator.check(THREADS, 2L).canonical());
        assertEquals(List.of("60000"), Validator.check(PERIOD, "60000").canonical());
        assertEquals(List.of("0.5"), Validator.check(SCORE, "0.5").canonical());
        assertEquals(List.of("true"), Validator.check(FLAG, "TRUE").canonical());
        assertEquals(List.of("reject"), Validator.check(MODE, "reject").canonical());
        assertEquals(List.of(""), Validator.check(OPTIONAL, "").canonical());
        assertEquals(List.of("a:1", "b,2"), Validator.check(SEEDS, new String[] {"a:1", "b,2"}).canonical());
        assertEquals(List.of("a:1"), Validator.check(SEEDS, List.of("a:1")).canonical());
    }

    @Test
    void refusesWhatBreaksTheMetatypeBounds() {
        assertTrue(refusal(THREADS, "0").startsWith("metatype:"), refusal(THREADS, "0"));
        assertTrue(refusal(THREADS, 9).startsWith("metatype:"));
        assertTrue(refusal(PERIOD, -1L).startsWith("metatype:"));
        assertTrue(refusal(SCORE, 1.5).startsWith("metatype:"));
        assertTrue(refusal(MODE, "delete").startsWith("metatype:"));
    }

    @Test
    void refusesWrongTypesOverflowsAndNonNumbers() {
        assertEquals("an integer number", refusal(THREADS, "abc"));
        assertEquals("an integer number", refusal(THREADS, ""));
        assertEquals("an integer number", refusal(THREADS, "1e3"));
        assertEquals("an integer number", refusal(THREADS, " 2"));
        assertEquals("within the integer range -2147483648 to 2147483647", refusal(THREADS, "99999999999999999999999"));
        assertEquals("within the integer range -2147483648 to 2147483647", refusal(THREADS, 1L << 40));
        assertEquals("a whole number", refusal(THREADS, 2.5));
        assertEquals("an integer number", refusal(THREADS, Double.NaN));
        assertEquals("within the long range -9223372036854775808 to 9223372036854775807",
                refusal(PERIOD, "99999999999999999999999"));
        assertEquals("a finite double", refusal(SCORE, "NaN"));
        assertEquals("a finite double", refusal(SCORE, Double.NaN));
        assertEquals("a finite double", refusal(SCORE, "-Infinity"));
        assertEquals("a finite double", refusal(SCORE, "1e999"));
        assertEquals("a double number", refusal(SCORE, "abc"));
        assertEquals("true or false", refusal(FLAG, "yes"));
        assertEquals("integer, not a Object", refusal(THREADS, new Object()));
    }

    @Test
    void refusesControlCharactersHugeAndEmptyRequiredStrings() {
        assertEquals("no control characters", refusal(NAME, "air\nWARN forged line"));
        assertEquals("no control characters", refusal(NAME, "air\u0000"));
        assertEquals("no control characters", refusal(THREADS, "2\n"));
        assertEquals("at most 4096 characters, not 100000", refusal(NAME, "x".repeat(100_000)));
        assertEquals("required: not empty", refusal(NAME, ""));
        assertNull(refusal(OPTIONAL, ""));
    }

    @Test
    void refusesTheWrongNumberOfValues() {
        assertEquals("one value, not 2", refusal(THREADS, new int[] {1, 2}));
        assertEquals("one value, not 0", refusal(THREADS, new String[0]));
        assertNull(refusal(THREADS, new int[] {3}));
        assertEquals("at most 3 values, not 4", refusal(SEEDS, List.of("a", "b", "c", "d")));
    }

    @Test
    void describesTheRule() {
        assertEquals("integer, >= 1, <= 8, required", THREADS.describe());
        assertEquals("string, one of [evict, reject], required", MODE.describe());
        assertFalse(SEEDS.describe().contains("required"));
    }

    /** The option lists of the power manager's mode.override and the pipeline's analysis.frames, as declared. */
    static final Rule OVERRIDE = Ads.rule("mode.override", "String", null, null, "", 0, false, "", "FULL", "DEGRADED", "MINIMAL");
    static final Rule FRAMES = Ads.rule("analysis.frames", "Integer", "256", "4096", "1024", 0, true,
            "256", "512", "1024", "2048", "4096");

    @Test
    void optionListsAcceptTheirValuesOnlyAndAnEmptyOptionMeansUnset() {
        assertEquals(List.of(""), Validator.check(OVERRIDE, "").canonical(), "automatic");
        assertEquals(List.of("DEGRADED"), Validator.check(OVERRIDE, "DEGRADED").canonical());
        assertTrue(refusal(OVERRIDE, "ECO").startsWith("metatype:"), refusal(OVERRIDE, "ECO"));
        assertEquals(List.of("2048"), Validator.check(FRAMES, 2048).canonical());
        assertTrue(refusal(FRAMES, 1000).startsWith("metatype:"), "within min and max but not a power of two");
        assertTrue(refusal(FRAMES, "8192").startsWith("metatype:"));
    }
}
