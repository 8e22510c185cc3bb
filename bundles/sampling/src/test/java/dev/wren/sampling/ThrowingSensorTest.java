package dev.wren.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.wren.sensor.Reading;
import dev.wren.sensor.SensorEvents;

/** Whatever a read throws or returns that is no reading is a failed read: counted, faulted, retried; never the end of the schedule. */
class ThrowingSensorTest {

    enum Misbehaviour {
        RUNTIME_EXCEPTION, ERROR, NAN_READING, NULL_LIST, NULL_READING, EXCEPTION_WHOSE_MESSAGE_THROWS
    }

    @ParameterizedTest
    @EnumSource(Misbehaviour.class)
    void aReadThatThrowsIsAFailedReadAndTheSensorIsRetried(Misbehaviour how) throws Exception {
        Rig.Counting steady = new Rig.Counting("steady-it");
        Rig.Counting bad = new Rig.Counting("bad-it") {
            @Override
            public List<Reading> read() {
                reads.incrementAndGet();
                switch (how) {
                    case RUNTIME_EXCEPTION -> throw new IllegalStateException("driver bug");
                    case ERROR -> throw new StackOverflowError();
                    case NAN_READING -> {
                        return List.of(new Reading(id(), "temperature", Double.NaN, "degC", 1L));
                    }
                    case NULL_LIST -> {
                        return null;
                    }
                    case NULL_READING -> {
                        return Arrays.asList(new Reading(id(), "temperature", 1, "degC", 1L), null);
                    }
                    default -> throw new IllegalStateException() {
                        @Override
                        public String getMessage() {
                            throw new UnsupportedOperationException();
                        }
                    };
                }
            }
        };
        Rig.Collecting sink = new Rig.Collecting();
        try (Rig rig = new Rig(Map.of("fault_threshold", 3, "fault_backoff_max_ms", 1_000L))) {
            rig.sink(sink, "it.all", null);
            rig.sensor(steady, 20);
            rig.sensor(bad, 20);
            rig.await("bad-it faulted", () -> rig.events(SensorEvents.TOPIC_FAULTED, "bad-it").size() == 1);
            long before = sink.of("steady-it", "temperature");
            rig.await("bad-it retried after its fault, the other sensor read meanwhile",
                    () -> bad.reads.get() >= 5 && sink.of("steady-it", "temperature") > before + 5);
            assertEquals(1, rig.events(SensorEvents.TOPIC_FAULTED, "bad-it").size());
            assertTrue(rig.line("bad-it").contains(" FAULTED "), rig.sensors());
            assertEquals(0, sink.of("bad-it", "temperature"), "a reading of a failed read reached a sink");
            assertTrue(sink.of("bad-it", Reading.QUALITY) >= 1, "quality readings of the faulted sensor");
        }
    }
}
