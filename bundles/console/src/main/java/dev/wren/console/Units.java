package dev.wren.console;

import java.util.Locale;

/** Compact, locale-independent number formatting for people. */
final class Units {

    private Units() {
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
    }
}
