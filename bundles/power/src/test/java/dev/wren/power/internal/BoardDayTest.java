package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.wren.hardware.simulator.ManualClock;
import dev.wren.power.PowerMode;
import dev.wren.power.internal.Inputs.Input;
import dev.wren.sensor.Reading;

/**
 * The day of {@link DayScenarioTest} on the simulated board instead of synthetic numbers: the
 * power manager's own path ({@link Quantities#take} as {@code PowerManager.accept} calls it, then
 * {@link ModeMachine#evaluate}) fed by the real MAX17048, INA219 and BME280 drivers reading
 * simulated chips through Pi4J ({@link SimGateway}). A {@link ManualClock} moves in 10 s steps;
 * the machine is evaluated at each and the three chips are read on each minute. The uplink is
 * down from 10:00 to 12:00; the enclosure's air, which the BME280 measures and the power manager
 * uses for want of a CPU thermal zone, heats from 45 degC at 14:00 to 80 degC at 14:15 and is
 * back at 45 by 14:30. The gateway's load follows its mode: after each step it draws its mode's
 * modelled watts at the cell's terminal voltage, which the INA219 measures for {@link Energy}.
 * Default settings. No chip on this board reports external power, so every battery cause says
 * "charging unknown" (counted as not charging).
 *
 * <p>On battery (10 000 mAh, full): DEGRADED at the first gauge reading at or below 30 % (09:06),
 * MINIMAL at the first at or below 10 % (13:39), then nothing until the cell is empty at 19:04:10
 * and the gateway stops. The uplink drop falls within DEGRADED, the mode it asks for: it joins
 * the reason, no transition. The heat spike falls within MINIMAL: 80 degC is below the 85 degC
 * critical threshold and the 75 degC warm one asks for less than MINIMAL gives. The charge leaves
 * MINIMAL's 15 % exit out of reach. Both battery transitions come later than on synthetic numbers
 * (08:38, 13:15): the cell holds about 38 Wh and sits above its 3.7 V nominal most of the way,
 * so a watt costs less charge. The time to empty the power manager projects from MINIMAL is late
 * by up to 42 min (14 %, at 14:00): the last tenth of a Li-ion cell comes at 3.0 to 3.55 V, while
 * charge x 37 Wh counts it at 3.7 V.
 *
 * <p>On mains the cell stays full, so only the uplink and the heat move the mode, at the same
 * times as on synthetic numbers: DEGRADED at 10:01:10, the first step more than the 60 s grace
 * into the drop; FULL at 12:00 when the link returns, the 60 s dwell long past; DEGRADED at 14:13,
 * the first air reading at or above 75 degC (75.3); FULL at 14:20, the first reading at or below
 * 70 degC (warm minus the 5 degC hysteresis), the dwell again past.
 *
 * <p>Both timelines are exact, so an extra transition fails. Every read must succeed whole (a
 * driver's exception fails the test), no value may be discarded as implausible, and the measured
 * draw of each mode visited must be the modelled one within 1 %.
 */
class BoardDayTest {

    private static final long DAY_START = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();
    private static final long STEP_MS = 10_000;
    private static final long MINUTE_MS = 60_000;
    private static final long HOUR_MS = 3_600_000;
    /** Readings per read of the three chips: MAX17048 3, INA219 4, BME280 3. */
    private static final int PER_MINUTE = 10;

    /** Runs the day; {@code mains} true = on external power all day, false = on the cell until it is empty. */
    static BoardDay day(boolean mains) throws Exception {
        Settings s = Settings.defaults();
        Inputs in = new Inputs();
        Energy energy = new Energy();
        ModeMachine machine = new ModeMachine(s, DAY_START);
        List<Transition> transitions = new ArrayList<>();
        List<BoardDay.Hour> hours = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        long readings = 0;
        try (SimGateway gateway = new SimGateway(mains)) {
            in.uplink(true, DAY_START);
            gateway.draw(s.modelWatts(machine.mode()));
            for (long ms = 0; ms < 24 * HOUR_MS; ms += STEP_MS) {
                long t = DAY_START + ms;
                gateway.at(ms);
                if (gateway.battery.soc() == 0) {
                    return new BoardDay(transitions, hours, reasons, energy, in, readings, gateway.transactions(), t);
                }
                gateway.board.environment().temperatureC(DayScenarioTest.temperature(ms));
                if (ms % MINUTE_MS == 0) {
                    List<Reading> batch = gateway.read(t);
                    readings += batch.size();
                    Quantities.take(batch, in, energy, machine.mode());
                }
                if (ms == 10 * HOUR_MS) {
                    in.uplink(false, t);
                } else if (ms == 12 * HOUR_MS) {
                    in.uplink(true, t);
                }
                machine.evaluate(in, t).ifPresent(transitions::add);
                gateway.draw(s.modelWatts(machine.mode()));
                if (ms % HOUR_MS == 0) {
                    double soc = in.last(Input.SOC).value();
                    hours.add(new BoardDay.Hour(t, soc, machine.mode(),
                            Energy.hoursToEmpty(soc, s.capacityWh(), energy.watts(machine.mode(), s))));
                }
                if (ms == 11 * HOUR_MS || ms == 14 * HOUR_MS + 15 * MINUTE_MS) {
                    reasons.add(Words.clock(t) + " " + machine.mode() + ": " + machine.reason());
                }
            }
            return new BoardDay(transitions, hours, reasons, energy, in, readings, gateway.transactions(), 0);
        }
    }

    private static void print(String title, BoardDay d) {
        System.out.println(title);
        d.timeline().forEach(l -> System.out.println("  " + l));
        d.reasons().forEach(r -> System.out.println("  reason at " + r));
        System.out.println("  on the hour (charge, mode, projected time to empty): " + d.hours());
        for (PowerMode m : PowerMode.values()) {
            System.out.printf(Locale.ROOT, "  %s draws %.3f W (%d INA219 readings)%n", m,
                    d.energy().watts(m, Settings.defaults()), d.energy().samples(m));
        }
        System.out.println("  " + d.readings() + " readings, " + d.transactions() + " I2C transactions, discarded "
                + d.inputs().discarded() + (d.brownOut() > 0 ? ", cell empty at " + Words.clock(d.brownOut()) : ""));
    }

    private static void assertCommon(BoardDay d, long minutes) {
        d.transitions().forEach(t -> assertFalse(t.reason().isBlank(), t.toString()));
        assertEquals(0, d.inputs().discardedTotal(), () -> d.inputs().discarded().toString());
        assertEquals(minutes * PER_MINUTE, d.readings());
        Settings s = Settings.defaults();
        for (PowerMode m : PowerMode.values()) {
            if (d.energy().samples(m) > 0) {
                assertEquals(s.modelWatts(m), d.energy().watts(m, s), s.modelWatts(m) / 100, m.name());
            }
        }
    }

    @Test
    void onBattery() throws Exception {
        BoardDay d = day(false);
        print("On battery, 10 000 mAh cell:", d);
        assertEquals(List.of(
                "09:06:00 FULL -> DEGRADED: battery 30 % at or below 30 %, charging unknown",
                "13:39:00 DEGRADED -> MINIMAL: battery 9.9 % at or below 10 %, charging unknown"), d.timeline());
        assertEquals(List.of(
                "11:00:00 DEGRADED: battery 26 % below 35 %, charging unknown; uplink down for 70 s",
                "14:15:00 MINIMAL: battery 9.9 % at or below 10 %, charging unknown"), d.reasons());
        assertEquals("19:04:10", Words.clock(d.brownOut()));
        assertCommon(d, (d.brownOut() - DAY_START - 1) / MINUTE_MS + 1);
        for (PowerMode m : PowerMode.values()) {
            assertTrue(d.energy().samples(m) > 0, m + " measured");
        }
        for (BoardDay.Hour h : d.hours()) {
            if (h.mode() == PowerMode.MINIMAL) {
                double lateMin = (h.at() + h.hoursToEmpty() * HOUR_MS - d.brownOut()) / MINUTE_MS;
                assertTrue(lateMin >= 0 && lateMin <= 45, h + " projects the end " + lateMin + " min late");
            }
        }
    }

    @Test
    void onMains() throws Exception {
        BoardDay d = day(true);
        print("On mains:", d);
        assertEquals(List.of(
                "10:01:10 FULL -> DEGRADED: uplink down for 70 s",
                "12:00:00 DEGRADED -> FULL: no limits reached",
                "14:13:00 FULL -> DEGRADED: temperature 75.3 degC at or above 75 degC",
                "14:20:00 DEGRADED -> FULL: no limits reached"), d.timeline());
        assertEquals(List.of(
                "11:00:00 DEGRADED: uplink down for 70 s",
                "14:15:00 DEGRADED: temperature 75.3 degC at or above 75 degC"), d.reasons());
        assertEquals(0, d.brownOut());
        assertCommon(d, 24 * 60);
        assertEquals(100, d.inputs().last(Input.SOC).value());
    }
}
