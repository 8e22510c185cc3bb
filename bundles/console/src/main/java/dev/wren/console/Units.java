package dev.wren.console;

import java.util.Locale;

import dev.wren.power.PowerMode;
import dev.wren.sensor.Reading;

/** Compact, locale-independent number formatting for people. */
final class Units {

    private static final String[] BYTE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

    private Units() {
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
    }

    /** @return the reading's value, the mode's name for {@code power.mode} (the power manager's 0, 1, 2) */
    static String value(Reading r) {
        double v = r.value();
        if ("power.mode".equals(r.quantity()) && r.unit().isEmpty() && v == Math.rint(v) && v >= 0
                && v < PowerMode.values().length) {
            return PowerMode.values()[(int) v].name();
        }
        return format(v);
    }

    /** @return a byte count in decimal units with one decimal, e.g. {@code 1.2 MB}; below 1000, {@code 512 B} */
    static String bytes(double v) {
        double a = Math.abs(v);
        int i = 0;
        while (a >= 999.95 && i < BYTE_UNITS.length - 1) {
            a /= 1000;
            i++;
        }
        return i == 0 ? format(Math.round(v)) + " B"
                : String.format(Locale.ROOT, "%.1f %s", Math.copySign(a, v), BYTE_UNITS[i]);
    }

    /** @return a duration such as {@code 45 s}, {@code 12 min 5 s}, {@code 3 h 20 min} or {@code 2 d 4 h} */
    static String duration(long ms) {
        long s = Math.max(0, ms) / 1000;
        if (s < 60) {
            return ms < 1000 ? Math.max(0, ms) + " ms" : s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        if (s < 86_400) {
            return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
        }
        return s / 86_400 + " d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + " h");
    }
}
