package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wren.power.PowerMode;
import dev.wren.sensor.Reading;

class EnergySensorTest {

    @Test
    void modeDrawAndTimeToEmptyAreReadings() {
        var figures = new EnergySensor.Figures[] {new EnergySensor.Figures(PowerMode.DEGRADED, 1.61234, 11.6)};
        EnergySensor sensor = new EnergySensor("energy", () -> figures[0], () -> 1_000);
        assertEquals(List.of(new Reading("energy", "power.mode", 1, "", 1_000), new Reading("energy", "power.draw",
                1.612, "W", 1_000), new Reading("energy", "power.time.to.empty", 11.6, "h", 1_000)), sensor.read());
        figures[0] = new EnergySensor.Figures(PowerMode.FULL, 3, null);
        assertEquals(List.of("power.mode", "power.draw"), sensor.read().stream().map(Reading::quantity).toList(),
                "no time to empty while charging");
    }

    @Test
    void theSensorIdIsCheckedByName() {
        assertEquals("energy", PowerManager.sensorId(Map.of()));
        assertEquals("", PowerManager.sensorId(Map.of("sensor.id", " ")));
        String why = assertThrows(IllegalArgumentException.class,
                () -> PowerManager.settings(Map.of("sensor.id", "has space"))).getMessage();
        assertTrue(why.startsWith("sensor.id:"), why);
    }

    @Test
    void itsReadingsDoNotFeedThePowerDecision() {
        Inputs in = new Inputs();
        Quantities.take(new EnergySensor("energy", () -> new EnergySensor.Figures(PowerMode.MINIMAL, 0.6, 5.0),
                () -> 1_000).read(), in, new Energy(), PowerMode.MINIMAL);
        for (Inputs.Input i : Inputs.Input.values()) {
            assertEquals(null, in.last(i), i.name());
        }
    }
}
