package dev.wren.power.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.wren.power.PowerMode;
import dev.wren.sensor.Reading;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.Quantity;

/**
 * The power manager's own figures as a {@link Sensor}, so the sampler reads them like any other
 * and they reach the outbox and the console: {@value #MODE} (0 FULL, 1 DEGRADED, 2 MINIMAL),
 * {@value #DRAW} (W, the current mode's measured or modelled draw) and, on battery with a known
 * charge, {@value #TIME_TO_EMPTY} (h at that draw). The sampler reads it every minute in FULL,
 * every 5 minutes in DEGRADED and every 15 in MINIMAL.
 */
final class EnergySensor implements Sensor {

    static final String KIND = "power";
    static final String MODE = "power.mode";
    static final String DRAW = Quantity.POWER_DRAW;
    static final String TIME_TO_EMPTY = "power.time.to.empty";
    static final long[] PERIODS_MS = {60_000, 300_000, 900_000};

    /** What a read reports; {@code hoursToEmpty} null while charging or without a battery reading. */
    record Figures(PowerMode mode, double watts, Double hoursToEmpty) {
    }

    private final String id;
    private final Supplier<Figures> figures;
    private final LongSupplier clock;

    EnergySensor(String id, Supplier<Figures> figures, LongSupplier clock) {
        this.id = id;
        this.figures = figures;
        this.clock = clock;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<Reading> read() {
        Figures f = figures.get();
        long now = clock.getAsLong();
        List<Reading> out = new ArrayList<>(3);
        out.add(new Reading(id, MODE, f.mode().ordinal(), "", now));
        out.add(new Reading(id, DRAW, Math.round(f.watts() * 1000) / 1000.0, "W", now));
        if (f.hoursToEmpty() != null) {
            out.add(new Reading(id, TIME_TO_EMPTY, f.hoursToEmpty(), "h", now));
        }
        return out;
    }
}
