package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BehindTest {

    private static final long MS = 1_000_000;

    @Test
    void aLateWindowMarksItsSensorForThirtySecondsRenewedByEveryLateOne() {
        Behind b = new Behind();
        AtomicInteger started = new AtomicInteger();
        assertFalse(b.check("pump", 1_500 * MS, 2_000, 0, started::incrementAndGet), "on time");
        assertTrue(b.check("pump", 2_500 * MS, 2_000, 1_000, started::incrementAndGet));
        assertTrue(b.check("pump", 10 * MS, 2_000, 20_000, started::incrementAndGet), "held although on time");
        assertTrue(b.check("pump", 2_100 * MS, 2_000, 25_000, started::incrementAndGet), "renewed");
        assertTrue(b.check("pump", 10 * MS, 2_000, 54_000, started::incrementAndGet));
        assertFalse(b.check("pump", 10 * MS, 2_000, 55_000, started::incrementAndGet), "30 s after the last late one");
        assertFalse(b.check("fan", 9_999 * MS, 0, 0, started::incrementAndGet), "0 = never behind");
        assertEquals(1, started.get(), "reported once per spell");
    }
}
