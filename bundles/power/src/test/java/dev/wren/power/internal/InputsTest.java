package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wren.power.PowerMode;
import dev.wren.power.internal.Inputs.Input;
import dev.wren.sensor.Reading;

/** Absurd readings are discarded and counted, never acted upon; quantities are routed by name. */
class InputsTest {

    @Test
    void absurdValuesAreDiscardedAndCounted() {
        Inputs in = new Inputs();
        assertFalse(in.offer(Input.SOC, 101, 1));
        assertFalse(in.offer(Input.SOC, -0.1, 1));
        assertFalse(in.offer(Input.SOC, Double.NaN, 1));
        assertFalse(in.offer(Input.CPU_TEMPERATURE, 151, 1));
        assertFalse(in.offer(Input.AIR_TEMPERATURE, -61, 1));
        assertFalse(in.offer(Input.POWER, -1500, 1));
        assertFalse(in.offer(Input.POWER, Double.POSITIVE_INFINITY, 1));
        assertFalse(in.offer(Input.EXTERNAL, 0.5, 1));
        assertNull(in.last(Input.SOC));
        assertEquals(Map.of("battery.soc", 3L, "cpu temperature", 1L, "air temperature", 1L, "power", 2L,
                "power.external", 1L), in.discarded());
        assertEquals(8, in.discardedTotal());

        ModeMachine m = new ModeMachine(Settings.defaults(), 10);
        assertEquals(PowerMode.FULL, m.mode());
        m.evaluate(in, 10);
        assertEquals(PowerMode.FULL, m.mode(), "nothing absurd is acted upon");
    }

    @Test
    void olderValuesDoNotReplaceNewer() {
        Inputs in = new Inputs();
        in.offer(Input.SOC, 50, 2000);
        assertFalse(in.offer(Input.SOC, 5, 1000));
        assertEquals(50, in.last(Input.SOC).value());
    }

    @Test
    void quantitiesFromTheDrivers() {
        Inputs in = new Inputs();
        Energy energy = new Energy();
        Quantities.take(List.of(new Reading("battery", "battery.soc", 42, "%", 5),
                new Reading("battery", "power.external", 1, "", 5)), in, energy, PowerMode.FULL);
        Quantities.take(List.of(new Reading("power", "power", 2.5, "W", 5),
                new Reading("power", "current", 0.5, "A", 5)), in, energy, PowerMode.FULL);
        Quantities.take(List.of(new Reading("health", "thermal.cpu-thermal", 61.5, "degC", 5),
                new Reading("health", "heap.used", 1e6, "B", 5)), in, energy, PowerMode.FULL);
        Quantities.take(List.of(new Reading("throttling", "throttle.undervoltage", 0, "", 5),
                new Reading("throttling", "throttle.undervoltage.occurred", 1, "", 5),
                new Reading("throttling", "throttle.throttled", 1, "", 5),
                new Reading("throttling", "throttle.soft_temp_limit", 1, "", 5)), in, energy, PowerMode.FULL);
        assertEquals(42, in.last(Input.SOC).value());
        assertEquals(1, in.last(Input.EXTERNAL).value());
        assertEquals(61.5, in.temperature(5, 1000).value());
        assertEquals("throttled, soft_temp_limit", in.last(Input.THROTTLED).note());
        assertEquals(2.5, energy.watts(PowerMode.FULL, 3.06));
        assertEquals(1, energy.samples(PowerMode.FULL));
        assertEquals(2.81, energy.watts(PowerMode.DEGRADED, 2.81), "modelled until measured");
    }
}
