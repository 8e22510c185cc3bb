package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.wren.power.PowerMode;
import dev.wren.power.internal.Inputs.Input;

/** The rules, hysteresis, dwell, override and unknown inputs of {@link ModeMachine}, on a manual clock. */
class ModeMachineTest {

    private static final long S = 1000;

    private long now = 1_000_000;
    private final Inputs in = new Inputs();
    private ModeMachine machine = new ModeMachine(Settings.defaults(), now);

    private Optional<Transition> at(long seconds) {
        now += seconds * S;
        return machine.evaluate(in, now);
    }

    private void set(Input input, double value) {
        in.offer(input, value, now);
    }

    private void assertMode(PowerMode mode, String reason) {
        assertEquals(mode, machine.mode());
        assertEquals(reason, machine.reason());
    }

    @Test
    void unknownInputsAreNeverBad() {
        assertEquals("no limits known", machine.reason());
        assertTrue(at(0).isEmpty());
        assertMode(PowerMode.FULL, "no limits reached");
        set(Input.SOC, 5); // measured, then goes stale
        assertEquals(PowerMode.MINIMAL, at(0).orElseThrow().to());
        assertEquals("battery 5 % at or below 10 %, charging unknown", machine.reason());
        at(Settings.STALE_S + 1);
        assertMode(PowerMode.FULL, "no limits reached");
    }

    @Test
    void lowBatteryNotChargingIsMinimalAtOnceAndChargingLeavesAfterDwell() {
        set(Input.EXTERNAL, 0);
        set(Input.SOC, 9);
        Transition t = at(0).orElseThrow();
        assertEquals(PowerMode.FULL, t.from());
        assertEquals(PowerMode.MINIMAL, t.to());
        assertEquals("battery 9 % at or below 10 %, not charging", t.reason());
        set(Input.EXTERNAL, 1);
        assertTrue(at(59).isEmpty(), "dwell: 60 s before a richer mode");
        assertEquals(PowerMode.FULL, at(1).orElseThrow().to());
        assertEquals("no limits reached", machine.reason());
    }

    @Test
    void batteryHysteresis() {
        set(Input.EXTERNAL, 0);
        set(Input.SOC, 30.5);
        assertTrue(at(0).isEmpty());
        set(Input.SOC, 30);
        assertEquals("battery 30 % at or below 30 %, not charging", at(0).orElseThrow().reason());
        set(Input.SOC, 34.9);
        assertTrue(at(600).isEmpty(), "stays DEGRADED below degraded.exit");
        assertMode(PowerMode.DEGRADED, "battery 30 % at or below 30 %, not charging");
        set(Input.SOC, 10);
        assertEquals(PowerMode.MINIMAL, at(1).orElseThrow().to());
        set(Input.SOC, 14.9);
        assertTrue(at(600).isEmpty(), "stays MINIMAL below minimal.exit");
        set(Input.SOC, 15);
        set(Input.EXTERNAL, 0);
        Transition up = at(1).orElseThrow();
        assertEquals(PowerMode.DEGRADED, up.to());
        assertEquals("battery 15 % below 35 %, not charging", up.reason());
        set(Input.SOC, 35);
        assertEquals(PowerMode.FULL, at(60).orElseThrow().to());
    }

    @Test
    void temperatureHysteresis() {
        set(Input.AIR_TEMPERATURE, 74.9);
        assertTrue(at(0).isEmpty());
        set(Input.AIR_TEMPERATURE, 85);
        assertEquals("temperature 85 degC at or above 85 degC", at(0).orElseThrow().reason());
        set(Input.AIR_TEMPERATURE, 80.1);
        assertTrue(at(300).isEmpty());
        assertEquals(PowerMode.MINIMAL, machine.mode());
        set(Input.AIR_TEMPERATURE, 80);
        Transition t = at(1).orElseThrow();
        assertEquals(PowerMode.DEGRADED, t.to());
        assertEquals("temperature 80 degC above 70 degC", t.reason());
        set(Input.AIR_TEMPERATURE, 70);
        assertEquals(PowerMode.FULL, at(60).orElseThrow().to());
    }

    @Test
    void cpuTemperatureIsPreferredWhileFresh() {
        set(Input.AIR_TEMPERATURE, 20);
        set(Input.CPU_TEMPERATURE, 76);
        assertEquals("temperature 76 degC at or above 75 degC", at(0).orElseThrow().reason());
    }

    @Test
    void uplinkGraceAndThrottling() {
        in.uplink(true, now);
        at(10);
        in.uplink(false, now);
        assertTrue(at(60).isEmpty(), "60 s is within the grace");
        Transition t = at(1).orElseThrow();
        assertEquals(PowerMode.DEGRADED, t.to());
        assertEquals("uplink down for 61 s", t.reason());
        set(Input.THROTTLED, 1);
        at(0);
        assertMode(PowerMode.DEGRADED, "throttling now; uplink down for 61 s");
        in.uplink(true, now);
        set(Input.THROTTLED, 0);
        assertTrue(at(59).isEmpty(), "dwell");
        assertEquals(PowerMode.FULL, at(1).orElseThrow().to());
        in.uplink(null, now);
        assertTrue(at(3600).isEmpty(), "no uplink service: unknown, not down");
    }

    @Test
    void overrideWinsAtOnceBothWays() {
        machine = new ModeMachine(Settings.of(Map.of("mode.override", "minimal")), now);
        assertEquals("override", at(0).orElseThrow().reason());
        assertEquals(PowerMode.MINIMAL, machine.mode());
        machine.settings(Settings.of(Map.of("mode.override", "FULL")));
        assertEquals(PowerMode.FULL, at(1).orElseThrow().to(), "no dwell for an override");
        machine.settings(Settings.defaults());
        set(Input.SOC, 5);
        assertEquals(PowerMode.MINIMAL, at(0).orElseThrow().to());
    }

    @Test
    void aWobbleAtTheThresholdDoesNotFlap() {
        set(Input.EXTERNAL, 0);
        int transitions = 0;
        for (int i = 0; i < 100; i++) {
            set(Input.SOC, i % 2 == 0 ? 29.9 : 30.1);
            transitions += at(10).isPresent() ? 1 : 0;
        }
        assertEquals(1, transitions);
    }

    @Test
    void configurableDwellAndGrace() {
        Map<String, Object> p = new HashMap<>();
        p.put("dwell.s", 0);
        p.put("uplink.grace.s", "0");
        machine = new ModeMachine(Settings.of(p), now);
        in.uplink(false, now);
        assertEquals(PowerMode.DEGRADED, at(1).orElseThrow().to());
        in.uplink(true, now);
        assertEquals(PowerMode.FULL, at(0).orElseThrow().to());
    }
}
