package dev.wren.power.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How numbers and durations appear in reasons and in the shell: short, stable, locale-free. */
final class Words {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Words() {
    }

    /** @return {@code 9}, {@code 9.5} (one decimal at most, no trailing {@code .0}) */
    static String number(double d) {
        double r = Math.round(d * 10) / 10.0;
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }

    /** @return watts to three significant digits, trailing zeros dropped: {@code 3.06 W}, {@code 0.015 W}, {@code 0.2 W} */
    static String watts(double w) {
        if (!Double.isFinite(w)) {
            return "an unknown draw";
        }
        return new BigDecimal(w).round(new MathContext(3)).stripTrailingZeros().toPlainString() + " W";
    }

    /** @return {@code 45 s} below 2 min, {@code 12 min} below 2 h, then {@code 3 h 5 min} */
    static String duration(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }

    /** @return {@code HH:mm:ss} in UTC, for timelines */
    static String clock(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }
}
