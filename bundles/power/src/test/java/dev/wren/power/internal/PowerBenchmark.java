package dev.wren.power.internal;

import java.util.Locale;

import dev.wren.power.PowerMode;

/**
 * Prints the projected battery life per mode with the default power model (a Raspberry Pi-class
 * gateway on a 37 Wh pack) and the ratio MINIMAL / FULL, the goal being at least 3x.
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
        Settings s = Settings.defaults();
        Energy e = new Energy();
        System.out.printf(Locale.ROOT, "battery %.0f Wh, default power model%n", s.capacityWh());
        for (PowerMode m : PowerMode.values()) {
            System.out.printf(Locale.ROOT, "  %-8s %.1f W  %5.1f h%n", m, s.modelWatts(m), e.fullBatteryHours(m, s));
        }
        double ratio = e.fullBatteryHours(PowerMode.MINIMAL, s) / e.fullBatteryHours(PowerMode.FULL, s);
        System.out.printf(Locale.ROOT, "  MINIMAL / FULL = %.1fx (goal >= 3x): %s%n", ratio, ratio >= 3 ? "met" : "MISSED");
        System.out.println("one day on battery (drop of the uplink 10:00-12:00, heat spike 14:00-14:30):");
        DayScenarioTest.day(true, new java.util.ArrayList<>()).forEach(t -> System.out.println("  " + t));
    }
}
