package dev.wren.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.runtime.Reflective;
import org.junit.jupiter.api.Test;

import dev.wren.sensor.Reading;

class LatestReadingsTest {

    private long now = 1_000_000;
    private final LatestReadings latest = new LatestReadings();

    {
        latest.clock = () -> now;
    }

    @Test
    void keepsTheNewestValuePerQuantityAndPrintsIt() {
        latest.accept(List.of(new Reading("gw", "heap.used", 1, "B", 1), new Reading("gw", "uptime", 2.5, "s", 1)));
        latest.accept(List.of(new Reading("gw", "heap.used", 3, "B", 2)));
        assertEquals(3, latest.latest("gw", "heap.used").value());
        String out = latest.readings("gw");
        assertTrue(out.contains("heap.used") && out.contains("2.500"), out);
        assertEquals("no readings from other", latest.readings("other"));
    }

    @Test
    void aValueOlderThanThreePeriodsIsStaleWithItsAge() {
        latest.accept(List.of(new Reading("air", "temperature", 21.5, "degC", now - 20_000)));
        latest.accept(List.of(new Reading("air", "temperature", 21.5, "degC", now - 10_000)));
        latest.accept(List.of(new Reading("air", "humidity", 40, "%", now - 10_000)));
        assertEquals(10_000, latest.period("air"), "the interval seen between two batches");
        assertFalse(latest.readings("air").contains("STALE"), latest.readings("air"));
        now += 20_000;
        assertFalse(latest.readings("air").contains("STALE"), "three periods old is not yet stale");
        now += 5_000;
        String out = latest.readings("air");
        assertTrue(out.contains("temperature") && out.contains(" STALE, 35 s old (sampled every 10 s)"), out);
        assertEquals(2, out.split(" STALE").length - 1, out);
    }

    @Test
    void withoutAKnownPeriodAValueIsStaleAfterTheBound() {
        latest.accept(List.of(new Reading("once", "count", 7, "", now)));
        assertEquals(0, latest.period("once"));
        now += LatestReadings.UNKNOWN_PERIOD_STALE_MS;
        assertFalse(latest.readings().contains("STALE"));
        now += 65_000;
        assertTrue(latest.readings().contains(" STALE, 16 min 5 s old (sampling period unknown)"), latest.readings());
    }

    @Test
    void thePowerModeIsPrintedByNameAndBytesHumanReadableWithTheExactCount() {
        latest.accept(List.of(new Reading("energy", "power.mode", 1, "", now), new Reading("energy", "power.draw", 1.6, "W", now)));
        latest.accept(List.of(new Reading("gw", "heap.used", 1_234_567, "B", now), new Reading("gw", "disk.free", 512, "B", now)));
        String energy = latest.readings("energy");
        assertTrue(energy.matches("(?s).*power\\.mode\\s+DEGRADED\\s.*"), energy);
        String gw = latest.readings("gw");
        assertTrue(gw.matches("(?s).*heap\\.used\\s+1\\.2 MB\\s.*\\(1234567 B\\).*"), gw);
        assertTrue(gw.matches("(?s).*disk\\.free\\s+512 B\\s.*\\(512 B\\).*"), gw);
    }

    @Test
    void unitsForPeople() {
        assertEquals("999 B", Units.bytes(999));
        assertEquals("1.0 kB", Units.bytes(1000));
        assertEquals("1.2 MB", Units.bytes(1_234_567));
        assertEquals("5.0 GB", Units.bytes(4_999_999_999L));
        assertEquals("MINIMAL", Units.value(new Reading("energy", "power.mode", 2, "", 1)));
        assertEquals("2", Units.value(new Reading("pump", "mode", 2, "", 1)));
        assertEquals("800 ms", Units.duration(800));
        assertEquals("2 min", Units.duration(120_000));
        assertEquals("3 h 20 min", Units.duration(12_000_000));
        assertEquals("2 d 4 h", Units.duration(187_200_000));
    }

    @Test
    void theShellGetsTheUsageForTooManyArguments() throws Exception {
        latest.accept(List.of(new Reading("gw", "uptime", 2, "s", now)));
        assertTrue(invoke().startsWith("gw"));
        assertTrue(invoke("gw").startsWith("gw"));
        assertEquals("usage: readings [<sensor id>]", invoke("gw", "uptime"));
    }

    private String invoke(Object... args) throws Exception {
        return (String) Reflective.invoke(null, latest, "readings", new ArrayList<>(List.of(args)));
    }

    @Test
    void everyOverloadAndParameterIsDescribedForHelp() {
        assertDescribed(LatestReadings.class, "readings");
    }

    private static void assertDescribed(Class<?> type, String function) {
        int overloads = 0;
        for (java.lang.reflect.Method m : type.getMethods()) {
            if (m.getName().equals(function)) {
                overloads++;
                org.junit.jupiter.api.Assertions.assertNotNull(
                        m.getAnnotation(org.apache.felix.service.command.Descriptor.class), m.toString());
                for (java.lang.reflect.Parameter p : m.getParameters()) {
                    org.junit.jupiter.api.Assertions.assertNotNull(
                            p.getAnnotation(org.apache.felix.service.command.Descriptor.class), m + " " + p);
                }
            }
        }
        assertTrue(overloads >= 2, type + "." + function + ": a method for the arguments and one for the usage");
    }
}
