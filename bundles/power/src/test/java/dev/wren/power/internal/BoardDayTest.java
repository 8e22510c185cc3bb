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
 * modelled watts ({@link ModelledDraw}: a Raspberry Pi 4's published idle, less the recommended
 * actuators' savings outside FULL) at the cell's terminal voltage; the INA219 measures it for
 * {@link Energy}, but the test does not read that back as a figure: it asserts the timeline.
 * Default settings. No chip on this board reports external power, so every battery cause says
 * "charging unknown" (counted as not charging).
 *
 * <p>On battery (10 000 mAh, full): DEGRADED at the first gauge reading at or below 30 % (08:55),
 * MINIMAL at the first at or below 10 % (11:36), then nothing until the cell is empty at 12:48:00
 * and the gateway stops, before the heat spike. The uplink drop falls within DEGRADED, the mode it
 * asks for: it joins the reason, no transition. Awake, a Pi draws nearly as much in every mode
 * (3.06 W against 2.71 W), so the day is short. The time to empty, projected on each hour from 30 %
 * down, counts the charge left at the cell's voltage (the MAX17048's): it must be at most 1 min
 * late and 15 min early against the cell; counted at the nominal 3.7 V it would be 8 to 13 min late
 * (the last tenth of a Li-ion cell comes at 3.0 to 3.55 V).
 *
 * <p>On mains the cell stays full, so only the uplink and the heat move the mode, at the same
 * times as on synthetic numbers: DEGRADED at 10:01:10, the first step more than the 60 s grace
 * into the drop; FULL at 12:00 when the link returns, the 60 s dwell long past; DEGRADED at 14:13,
 * the first air reading at or above 75 degC (75.3); FULL at 14:20, the first reading at or below
 * 70 degC (warm minus the 5 degC hysteresis), the dwell again past.
 *
 * <p>Both timelines are exact, so an extra transition fails. Every read must succeed whole (a
 * driver's exception fails the test), no value may be discarded as implausible, and each mode
 * entered must have had its draw measured.
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
            gateway.draw(ModelledDraw.watts(s, machine.mode()));
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
                gateway.draw(ModelledDraw.watts(s, machine.mode()));
                if (ms % HOUR_MS == 0) {
                    double soc = in.last(Input.SOC).value();
                    double watts = energy.watts(machine.mode(), ModelledDraw.watts(s, machine.mode()));
                    hours.add(new BoardDay.Hour(t, soc, machine.mode(), Energy.hoursToEmpty(soc, Double.NaN, s, watts),
                            Energy.hoursToEmpty(soc, in.last(Input.BATTERY_VOLTAGE).value(), s, watts)));
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
        System.out.println("  on the hour (charge, mode, time to empty projected at nominal voltage / at the cell's): "
                + d.hours());
        for (PowerMode m : PowerMode.values()) {
            System.out.printf(Locale.ROOT, "  %s draws %.3f W (%d INA219 readings)%n", m,
                    d.energy().watts(m, Double.NaN), d.energy().samples(m));
        }
        System.out.println("  " + d.readings() + " readings, " + d.transactions() + " I2C transactions, discarded "
                + d.inputs().discarded() + (d.brownOut() > 0 ? ", cell empty at " + Words.clock(d.brownOut()) : ""));
    }

    private static void assertCommon(BoardDay d, long minutes) {
        d.transitions().forEach(t -> assertFalse(t.reason().isBlank(), t.toString()));
        assertEquals(0, d.inputs().discardedTotal(), () -> d.inputs().discarded().toString());
        assertEquals(minutes * PER_MINUTE, d.readings());
        for (Transition t : d.transitions()) {
            assertTrue(d.energy().samples(t.to()) > 0, t.to() + " entered but its draw never measured");
        }
    }

    @Test
    void onBattery() throws Exception {
        BoardDay d = day(false);
        print("On battery, 10 000 mAh cell:", d);
        assertEquals(List.of(
                "08:55:00 FULL -> DEGRADED: battery 30 % at or below 30 %, charging unknown",
                "11:36:00 DEGRADED -> MINIMAL: battery 10 % at or below 10 %, charging unknown"), d.timeline());
        assertEquals(List.of(
                "11:00:00 DEGRADED: battery 21.9 % below 35 %, charging unknown; uplink down for 70 s"), d.reasons());
        assertEquals("12:48:00", Words.clock(d.brownOut()));
        assertCommon(d, (d.brownOut() - DAY_START - 1) / MINUTE_MS + 1);
        for (PowerMode m : PowerMode.values()) {
            assertTrue(d.energy().samples(m) > 0, m + " measured");
        }
        for (BoardDay.Hour h : d.hours()) {
            if (h.soc() <= 30) {
                double nominalLate = (h.at() + h.nominalH() * HOUR_MS - d.brownOut()) / MINUTE_MS;
                double voltsLate = (h.at() + h.voltsH() * HOUR_MS - d.brownOut()) / MINUTE_MS;
                System.out.printf(Locale.ROOT, "  %s: end projected %+.0f min at nominal, %+.0f min at the cell's voltage%n",
                        h, nominalLate, voltsLate);
                assertTrue(voltsLate <= 1, h + " projects the end " + voltsLate + " min late");
                assertTrue(voltsLate >= -15, h + " projects the end " + -voltsLate + " min early");
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
