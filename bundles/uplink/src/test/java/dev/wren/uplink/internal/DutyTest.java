package dev.wren.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.wren.power.PowerMode;
import dev.wren.uplink.internal.Duty.Action;

class DutyTest {

    private final Duty.Intervals every10s = Duty.Intervals.of(10, 60);

    @Test
    void inFullTheUplinkStaysConnected() {
        Duty d = new Duty();
        for (long t = 0; t < 600_000; t += 1_000) {
            assertEquals(Action.NONE, d.tick(PowerMode.FULL, every10s, true, 0, t));
        }
    }

    @Test
    void aLeanModeSleepsOnceTheOutboxIsDrainedAndWakesAfterItsInterval() {
        Duty d = new Duty();
        assertEquals(Action.NONE, d.tick(PowerMode.DEGRADED, every10s, true, 50, 0));
        assertEquals(Action.SLEEP, d.tick(PowerMode.DEGRADED, every10s, true, 0, 1_000));
        assertEquals(11_000, d.idleUntil());
        assertEquals(Action.NONE, d.tick(PowerMode.DEGRADED, every10s, false, 3, 10_000));
        assertEquals(Action.WAKE, d.tick(PowerMode.DEGRADED, every10s, false, 3, 11_000));
        assertEquals(0, d.idleUntil());
    }

    @Test
    void aWindowEndsAfterItsLongestTimeEvenWithABacklogAndFullEndsAGapAtOnce() {
        Duty d = new Duty();
        assertEquals(Action.NONE, d.tick(PowerMode.MINIMAL, every10s, true, 1_000, 0));
        assertEquals(Action.SLEEP, d.tick(PowerMode.MINIMAL, every10s, true, 1_000, Duty.MAX_WINDOW_MS));
        assertEquals(Action.WAKE, d.tick(PowerMode.FULL, every10s, false, 1_000, Duty.MAX_WINDOW_MS + 1_000));
    }

    @Test
    void intervalsOutsideTheirRangeAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Duty.Intervals.of(-1, 10));
        assertEquals("degraded.interval.s: must be 0 to 86400, was -1", e.getMessage());
    }
}
