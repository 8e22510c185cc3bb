package dev.wren.console;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongSupplier;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.wren.power.PowerMode;
import dev.wren.power.PowerState;
import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;
import dev.wren.sensor.Sensor;

/**
 * Keeps the latest reading of every sensor and quantity, and prints them: shell command
 * {@code wren:readings [sensor]}. Memory is bounded by the number of distinct quantities.
 *
 * <p>A value older than {@value #STALE_PERIODS} sampling periods of its sensor is printed as stale,
 * with its age. The period is the sensor service's {@code sampling.period.<mode>.ms} in the current
 * power mode, else the interval seen between its last two batches; with neither, a value is stale
 * after {@value #UNKNOWN_PERIOD_STALE_MS} ms. {@code power.mode} prints as the mode's name, byte
 * counts (unit {@code B}) human readable with the exact count beside them.
 */
@Component(service = ReadingSink.class,
        property = {"osgi.command.scope=wren", "osgi.command.function=readings"})
public class LatestReadings implements ReadingSink {

    static final int STALE_PERIODS = 3;
    static final long UNKNOWN_PERIOD_STALE_MS = 15 * 60_000;

    private final Map<String, Map<String, Reading>> latest = new ConcurrentSkipListMap<>();
    /** Per sensor: the timestamp of its last batch and the interval before it (0 until two came). */
    private final Map<String, long[]> batches = new ConcurrentHashMap<>();
    private final Map<ServiceReference<Sensor>, String> sensors = new ConcurrentHashMap<>();
    LongSupplier clock = System::currentTimeMillis;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile PowerState power;

    @Reference(service = Sensor.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSensor(ServiceReference<Sensor> ref) {
        sensors.put(ref, String.valueOf(ref.getProperty(Sensor.ID)));
    }

    void removeSensor(ServiceReference<Sensor> ref) {
        sensors.remove(ref);
    }

    @Override
    public void accept(List<Reading> readings) {
        String sensor = readings.get(0).sensor();
        Map<String, Reading> bySensor = latest.computeIfAbsent(sensor, s -> new ConcurrentHashMap<>());
        long at = readings.get(0).timestamp();
        batches.compute(sensor, (s, b) -> b == null ? new long[] {at, 0}
                : at > b[0] ? new long[] {at, at - b[0]} : b);
        for (Reading r : readings) {
            bySensor.put(r.quantity(), r);
        }
    }

    /** @return the latest reading of {@code sensor}'s {@code quantity}, or null */
    public Reading latest(String sensor, String quantity) {
        Map<String, Reading> bySensor = latest.get(sensor);
        return bySensor == null ? null : bySensor.get(quantity);
    }

    /** Shell command: all sensors' latest readings. */
    @Descriptor("every sensor's latest value of each quantity, with its time; stale values marked with their age")
    public String readings() {
        return print(null);
    }

    /** Shell command: one sensor's latest readings. */
    @Descriptor("one sensor's latest value of each quantity, with its time; stale values marked with their age")
    public String readings(@Descriptor("the sensor's id, as wren:sensors lists it") String sensor) {
        return print(sensor);
    }

    /** Shell command, more than one argument: the usage. */
    @Descriptor("more than one argument: prints the usage")
    public String readings(@Descriptor("at most one sensor id") String... words) {
        return words.length == 0 ? print(null) : words.length == 1 ? print(words[0]) : "usage: readings [<sensor id>]";
    }

    /** @return the sampling period of {@code sensor} in ms, 0 when unknown */
    long period(String sensor) {
        PowerState p = power;
        PowerMode mode = p == null ? PowerMode.FULL : p.mode();
        for (Map.Entry<ServiceReference<Sensor>, String> e : sensors.entrySet()) {
            if (e.getValue().equals(sensor)) {
                Object v = e.getKey().getProperty(Sensor.periodProperty(mode));
                try {
                    long ms = v == null ? 0 : v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim());
                    if (ms > 0) {
                        return ms;
                    }
                } catch (NumberFormatException ex) {
                    // not a period: the interval seen is used
                }
            }
        }
        long[] b = batches.get(sensor);
        return b == null ? 0 : b[1];
    }

    private String print(String only) {
        long now = clock.getAsLong();
        StringBuilder out = new StringBuilder();
        latest.forEach((sensor, quantities) -> {
            if (only != null && !only.equals(sensor)) {
                return;
            }
            long period = period(sensor);
            long staleAfter = period > 0 ? STALE_PERIODS * period : UNKNOWN_PERIOD_STALE_MS;
            out.append(sensor).append(System.lineSeparator());
            quantities.values().stream().sorted((a, b) -> a.quantity().compareTo(b.quantity()))
                    .forEach(r -> out.append(line(r, now, staleAfter, period)));
        });
        if (out.length() == 0) {
            out.append(only == null ? "no readings yet" : "no readings from " + only);
        }
        return out.toString();
    }

    private static String line(Reading r, long now, long staleAfter, long period) {
        String value = Units.value(r);
        String unit = r.unit();
        String notes = "";
        if ("B".equals(unit)) {
            value = Units.bytes(r.value());
            unit = "";
            notes = " (" + value(r.value()) + " B)";
        }
        long age = now - r.timestamp();
        if (age > staleAfter) {
            notes += " STALE, " + Units.duration(age) + " old (" + (period > 0 ? "sampled every "
                    + Units.duration(period) : "sampling period unknown") + ")";
        }
        return String.format(Locale.ROOT, "  %-28s %16s %-5s %s%s%n", r.quantity(), value, unit,
                Instant.ofEpochMilli(r.timestamp()), notes);
    }

    private static String value(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Units.format(v);
    }
}
