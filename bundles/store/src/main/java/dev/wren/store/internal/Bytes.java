package dev.wren.store.internal;

import java.util.Locale;

/** Byte counts for people: decimal units with one decimal, e.g. {@code 1.2 MB}; below 1000, {@code 512 B}. */
final class Bytes {

    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private Bytes() {
    }

    static String human(long bytes) {
        double a = Math.abs((double) bytes);
        int i = 0;
        while (a >= 999.95 && i < UNITS.length - 1) {
            a /= 1000;
            i++;
        }
        return i == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", Math.copySign(a, bytes), UNITS[i]);
    }
}
