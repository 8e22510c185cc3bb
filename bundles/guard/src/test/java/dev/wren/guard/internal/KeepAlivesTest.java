package dev.wren.guard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeepAlivesTest {

    @Test
    void aConnectionKeepsItsPlaceNewOnesBeyondTheBoundCloseAndIdleOnesGiveTheirPlaceUp() {
        KeepAlives k = new KeepAlives();
        assertTrue(k.keep("10.0.0.1:5000", 2, 0));
        assertTrue(k.keep("10.0.0.1:5001", 2, 10));
        assertFalse(k.keep("10.0.0.2:6000", 2, 20), "a third connection is told to close");
        assertTrue(k.keep("10.0.0.1:5000", 2, 1_000), "a known one keeps its place");
        assertEquals(2, k.size());
        assertTrue(k.keep("10.0.0.2:6000", 2, 10 + KeepAlives.IDLE_MS), ":5001 was idle for the whole window");
        assertFalse(k.keep("10.0.0.3:7000", 2, 20 + KeepAlives.IDLE_MS));
        assertEquals(2, k.size());
    }
}
