package dev.wren.power.internal;

import java.util.Locale;
import java.util.Map;

import dev.wren.power.PowerMode;

/**
 * Prints the modelled battery life per board profile and mode on a 37 Wh pack: published idle and
 * halted draws ({@link BoardProfile}), the recommended actuators' modelled savings
 * ({@link ModelledDraw}) and the default duty cycle ({@link CycleEnergy#DEFAULT}); the goal is the
 * leanest mode at least 5x FULL on a Raspberry Pi 5 with duty cycling. Then the day of
 * {@link DayScenarioTest} on battery.
 *
 * <pre>
 * mvn -q -pl bundles/power test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.wren.power.internal.PowerBenchmark
 * </pre>
 */
public final class PowerBenchmark {

    private PowerBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println("| board | FULL | DEGRADED | MINIMAL awake | MINIMAL duty-cycled | leanest / FULL |");
        System.out.println("|---|---|---|---|---|---|");
        for (BoardProfile b : BoardProfile.ALL) {
            Settings s = Settings.of(Map.of("board.profile", b.id()));
            StringBuilder row = new StringBuilder("| " + b.id() + " |");
            double full = 0;
            double leanest = 0;
            for (PowerMode m : PowerMode.values()) {
                double w = ModelledDraw.watts(s, m);
                double h = Energy.hoursToEmpty(100, Double.NaN, s, w);
                row.append(String.format(Locale.ROOT, " %.2f W, %.1f h |", w, h));
                full = m == PowerMode.FULL ? h : full;
                leanest = h;
            }
            if (b.rtcWakes()) {
                double w = CycleEnergy.DEFAULT.meanW(ModelledDraw.watts(s, PowerMode.MINIMAL), b.haltW());
                leanest = Energy.hoursToEmpty(100, Double.NaN, s, w);
                row.append(String.format(Locale.ROOT, " %.3f W, %.1f h (%.0f J a cycle) |", w, leanest,
                        CycleEnergy.DEFAULT.joules(ModelledDraw.watts(s, PowerMode.MINIMAL), b.haltW())));
            } else {
                row.append(" refused: no wake source |");
            }
            row.append(String.format(Locale.ROOT, " %.1fx |", leanest / full));
            System.out.println(row);
        }
        System.out.println("one day on battery (drop of the uplink 10:00-12:00, heat spike 14:00-14:30):");
        DayScenarioTest.day(true, new java.util.ArrayList<>()).forEach(t -> System.out.println("  " + t));
    }
}
