package dev.wren.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheThresholdUpToTheCap() {
        assertEquals(2_000, SensorTask.backoffMs(1_000, 3, 3, 300_000));
        assertEquals(4_000, SensorTask.backoffMs(1_000, 4, 3, 300_000));
        assertEquals(256_000, SensorTask.backoffMs(1_000, 10, 3, 300_000));
        assertEquals(300_000, SensorTask.backoffMs(1_000, 11, 3, 300_000));
        assertEquals(300_000, SensorTask.backoffMs(1_000, 1_000_000, 3, 300_000));
    }

    @Test
    void neverShorterThanThePeriod() {
        assertEquals(600_000, SensorTask.backoffMs(600_000, 3, 3, 300_000));
    }
}
