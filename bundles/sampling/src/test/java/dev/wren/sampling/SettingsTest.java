package dev.wren.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each setting is checked against its range and a value out of it is refused naming the property. */
class SettingsTest {

    @ParameterizedTest
    @CsvSource({
        "read_timeout_ms, 99, read.timeout.ms, 100, 600000",
        "read_timeout_ms, 600001, read.timeout.ms, 100, 600000",
        "max_readings, 0, max.readings, 1, 100000",
        "max_readings, 100001, max.readings, 1, 100000",
        "sink_slow_ms, 0, sink.slow.ms, 1, 60000",
        "sink_slow_ms, 60001, sink.slow.ms, 1, 60000",
        "threads, 9, threads, 1, 8",
    })
    void aValueOutOfRangeIsRefusedNamingTheProperty(String attribute, long value, String property, long min, long max) {
        Object typed = attribute.equals("max_readings") || attribute.equals("threads") ? (Object) (int) value : value;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sampler.Settings.of(Rig.config(Map.of(attribute, typed))));
        assertEquals(property + ": must be between " + min + " and " + max + ", was " + value, e.getMessage());
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        Sampler.Settings low = Sampler.Settings.of(Rig.config(Map.of("read_timeout_ms", 100L, "max_readings", 1,
                "sink_slow_ms", 1L)));
        assertEquals(100, low.readTimeoutMs());
        Sampler.Settings high = Sampler.Settings.of(Rig.config(Map.of("read_timeout_ms", 600_000L,
                "max_readings", 100_000, "sink_slow_ms", 60_000L)));
        assertEquals(100_000, high.maxReadings());
    }

    @Test
    void aRefusedReconfigurationIsLoggedByPropertyAndTheLastGoodSettingsRun() throws Exception {
        Rig.Collecting sink = new Rig.Collecting();
        try (Rig rig = new Rig(Map.of("max_readings", 1))) {
            rig.sampler.modified(Rig.config(Map.of("max_readings", 0)));
            assertEquals(1, rig.logged("ERROR", "refused, keeping the last good one: max.readings: must be between 1 and"
                    + " 100000, was 0"), rig.log.toString());
            rig.sink(sink, "it.all", null);
            rig.sensor(new Rig.Counting("pair-it") {
                @Override
                public java.util.List<dev.wren.sensor.Reading> read() {
                    return java.util.List.of(new dev.wren.sensor.Reading("pair-it", "a", 1, "", 1L),
                            new dev.wren.sensor.Reading("pair-it", "b", 2, "", 1L));
                }
            }, 20);
            rig.await("a read", () -> !sink.batches.isEmpty());
            assertEquals(1, sink.batches.get(0).size(), "the last good max.readings");
        }
    }
}
