package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.wren.power.PowerMode;
import dev.wren.power.internal.Inputs.Input;

/**
 * One simulated day on a manual clock, default settings: the machine is evaluated every 10 s, the
 * battery, supply and CPU temperature are read every minute, the uplink drops from 10:00 to 12:00,
 * and a heat spike rises linearly from 45 degC at 14:00 to 80 degC at 14:15 and falls back by 14:30.
 * On battery, the charge drains from 100 % at the modelled draw of the current mode on the default
 * board (a Raspberry Pi 4) with the recommended actuators ({@link ModelledDraw}), so each mode
 * changes the drain rate. The timelines are exact: any extra transition fails the test.
 */
class DayScenarioTest {

    private static final long DAY_START = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();
    private static final long STEP_MS = 10_000;

    /** Runs the day; {@code onBattery} false = on mains all day (charge stays 100 %). */
    static List<Transition> day(boolean onBattery, List<String> socAt) {
        Settings s = Settings.defaults();
        Inputs in = new Inputs();
        ModeMachine machine = new ModeMachine(s, DAY_START);
        List<Transition> out = new ArrayList<>();
        double wh = s.capacityWh();
        in.uplink(true, DAY_START);
        for (long t = DAY_START; t < DAY_START + 86_400_000L; t += STEP_MS) {
            long sinceStart = t - DAY_START;
            if (onBattery && t > DAY_START) {
                wh = Math.max(0, wh - ModelledDraw.watts(s, machine.mode()) * STEP_MS / 3_600_000.0);
            }
            if (sinceStart % 60_000 == 0) {
                double soc = Math.round(1000 * wh / s.capacityWh()) / 10.0; // a fuel gauge's 0.1 %
                in.offer(Input.SOC, soc, t);
                in.offer(Input.EXTERNAL, onBattery ? 0 : 1, t);
                in.offer(Input.CPU_TEMPERATURE, temperature(sinceStart), t);
                if (sinceStart % 3_600_000 == 0) {
                    socAt.add(Words.clock(t) + " " + Words.number(soc) + " %");
                }
            }
            if (sinceStart == 10 * 3_600_000L) {
                in.uplink(false, t);
            } else if (sinceStart == 12 * 3_600_000L) {
                in.uplink(true, t);
            }
            machine.evaluate(in, t).ifPresent(out::add);
        }
        return out;
    }

    /** 45 degC, but 45 -> 80 from 14:00 to 14:15 and 80 -> 45 from 14:15 to 14:30, linear. */
    static double temperature(long sinceStart) {
        double min = (sinceStart - 14 * 3_600_000L) / 60_000.0;
        if (min < 0 || min > 30) {
            return 45;
        }
        return min <= 15 ? 45 + 35 * min / 15 : 80 - 35 * (min - 15) / 15;
    }

    private static List<String> lines(List<Transition> ts) {
        return ts.stream().map(Transition::toString).toList();
    }

    @Test
    void onBattery() {
        List<String> soc = new ArrayList<>();
        List<Transition> ts = day(true, soc);
        System.out.println("On battery, 37 Wh, modelled draw:");
        lines(ts).forEach(l -> System.out.println("  " + l));
        System.out.println("  charge on the hour: " + soc);
        assertEquals(List.of(
                "08:28:00 FULL -> DEGRADED: battery 30 % at or below 30 %, not charging",
                "11:12:00 DEGRADED -> MINIMAL: battery 10 % at or below 10 %, not charging"), lines(ts));
    }

    @Test
    void onMains() {
        List<Transition> ts = day(false, new ArrayList<>());
        System.out.println("On mains:");
        lines(ts).forEach(l -> System.out.println("  " + l));
        assertEquals(List.of(
                "10:01:10 FULL -> DEGRADED: uplink down for 70 s",
                "12:00:00 DEGRADED -> FULL: no limits reached",
                "14:13:00 FULL -> DEGRADED: temperature 75.3 degC at or above 75 degC",
                "14:20:00 DEGRADED -> FULL: no limits reached"), lines(ts));
        assertEquals(PowerMode.FULL, ts.get(ts.size() - 1).to());
    }
}
