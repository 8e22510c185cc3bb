package dev.wren.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheCap() {
        Backoff b = new Backoff(1_000, 300_000, 0, () -> 0.99);
        assertEquals(1_000, b.delayMs(1));
        assertEquals(2_000, b.delayMs(2));
        assertEquals(256_000, b.delayMs(9));
        assertEquals(300_000, b.delayMs(10));
        assertEquals(300_000, b.delayMs(Integer.MAX_VALUE));
    }

    @Test
    void jitterShortensByUpToItsFraction() {
        assertEquals(1_000, new Backoff(1_000, 300_000, 0.3, () -> 0).delayMs(1));
        assertEquals(700, new Backoff(1_000, 300_000, 0.3, () -> 1).delayMs(1));
        assertEquals(150_000, new Backoff(1_000, 300_000, 1, () -> 0.5).delayMs(50));
    }
}
