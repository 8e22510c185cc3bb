package dev.wren.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.wren.sensor.Reading;

class LatestReadingsTest {

    @Test
    void keepsTheNewestValuePerQuantityAndPrintsIt() {
        LatestReadings latest = new LatestReadings();
        latest.accept(List.of(new Reading("gw", "heap.used", 1, "B", 1), new Reading("gw", "uptime", 2.5, "s", 1)));
        latest.accept(List.of(new Reading("gw", "heap.used", 3, "B", 2)));
        assertEquals(3, latest.latest("gw", "heap.used").value());
        String out = latest.readings("gw");
        assertTrue(out.contains("heap.used") && out.contains("2.500"), out);
        assertEquals("no readings from other", latest.readings("other"));
    }
}
