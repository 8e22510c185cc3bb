package dev.wren.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void thePauseDoublesUpToTheMaximumAndASuccessForgetsIt() {
        Backoff b = new Backoff(2_000, 5_000);
        assertEquals(2_000, b.failed("gw-a", 0));
        assertEquals(1_500, b.left("gw-a", 500));
        assertEquals(0, b.left("gw-a", 2_000));
        assertEquals(4_000, b.failed("gw-a", 2_000), "the next failure in a row, although the pause is over");
        assertEquals(5_000, b.failed("gw-a", 6_000), "capped");
        assertEquals(Map.of("gw-a", 4_000L), b.waiting(7_000));
        b.succeeded("gw-a");
        assertEquals(0, b.left("gw-a", 7_000));
        assertEquals(2_000, b.failed("gw-a", 8_000), "from the start again");
    }
}
