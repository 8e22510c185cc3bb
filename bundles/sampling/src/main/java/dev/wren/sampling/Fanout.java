package dev.wren.sampling;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.Logger;

import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.Window;

/**
 * The sinks and the sensors each one wants. Delivers a batch to every sink whose
 * {@value ReadingSink#SENSORS_TARGET} filter matches the sensor's service properties, isolating
 * each sink: one that throws anything is counted and logged (at most once a minute) and the rest
 * go on.
 */
final class Fanout {

    private static final long LOG_INTERVAL_MS = 60_000;

    private final Map<ServiceReference<ReadingSink>, Target> sinks = new ConcurrentHashMap<>();
    private final Supplier<Collection<ServiceReference<Sensor>>> sensors;
    private volatile Logger log;

    /** @param sensors the sensors present now, to warn about filters that match none of them */
    Fanout(Supplier<Collection<ServiceReference<Sensor>>> sensors) {
        this.sensors = sensors;
    }

    /** A sink, its last good filter ({@code null} = every sensor) and its error counters. */
    private static final class Target {
        final ReadingSink sink;
        volatile Filter filter;
        volatile boolean usable = true;
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        volatile long lastLogged;

        Target(ReadingSink sink) {
            this.sink = sink;
        }
    }

    /** Sets the logger and checks again the sinks bound before it was there, to report their filters. */
    void setLogger(Logger log) {
        this.log = log;
        sinks.forEach(this::parse);
    }

    void add(ReadingSink sink, ServiceReference<ReadingSink> ref) {
        Target t = new Target(sink);
        parse(ref, t);
        sinks.put(ref, t);
    }

    void update(ServiceReference<ReadingSink> ref) {
        Target t = sinks.get(ref);
        if (t != null) {
            parse(ref, t);
        }
    }

    void remove(ServiceReference<ReadingSink> ref) {
        sinks.remove(ref);
    }

    int size() {
        return sinks.size();
    }

    private void parse(ServiceReference<ReadingSink> ref, Target t) {
        Object target = ref.getProperty(ReadingSink.SENSORS_TARGET);
        if (target == null || target.toString().isBlank()) {
            t.filter = null;
            t.usable = true;
            return;
        }
        try {
            Filter f = FrameworkUtil.createFilter(target.toString());
            t.filter = f;
            t.usable = true;
            Collection<ServiceReference<Sensor>> present = sensors.get();
            if (!present.isEmpty() && present.stream().noneMatch(f::match)) {
                Logger l = log;
                if (l != null) {
                    // INFO, not WARN: at start-up sinks often come before their sensors
                    l.info("Sink {}: {} {} matches none of the {} sensor(s) present yet; it receives readings once one"
                            + " appears", name(ref), ReadingSink.SENSORS_TARGET, target, present.size());
                }
            }
        } catch (InvalidSyntaxException e) {
            boolean hadGood = t.filter != null;
            t.usable = hadGood;
            warn("Sink {}: {}: not a valid LDAP filter ({}): '{}'; {}", name(ref), ReadingSink.SENSORS_TARGET,
                    e.getMessage(), target, hadGood ? "keeping its last good filter" : "it receives nothing");
        }
    }

    private static final BiConsumer<ReadingSink, List<Reading>> READINGS = ReadingSink::accept;
    private static final BiConsumer<ReadingSink, Window> WINDOW = ReadingSink::acceptWindow;

    void deliver(ServiceReference<Sensor> sensor, List<Reading> readings) {
        deliver(sensor, readings.get(0).sensor(), "readings", READINGS, readings);
    }

    void deliverWindow(ServiceReference<Sensor> sensor, Window window) {
        deliver(sensor, window.sensor(), "a window", WINDOW, window);
    }

    /** One call per matching sink; the call is a constant, so a delivery allocates nothing. */
    private <T> void deliver(ServiceReference<Sensor> sensor, String id, String what, BiConsumer<ReadingSink, T> call, T data) {
        for (Map.Entry<ServiceReference<ReadingSink>, Target> e : sinks.entrySet()) {
            Target t = e.getValue();
            Filter f = t.filter;
            if (!t.usable || (f != null && !f.match(sensor))) {
                continue;
            }
            try {
                call.accept(t.sink, data);
                t.delivered.incrementAndGet();
            } catch (Throwable ex) {
                long n = t.errors.incrementAndGet();
                long now = System.currentTimeMillis();
                if (now - t.lastLogged >= LOG_INTERVAL_MS) {
                    t.lastLogged = now;
                    warn("Sink {} threw on {} of {} ({} errors so far): {}", name(e.getKey()), what, id, n, ex.toString());
                }
            }
        }
    }

    String describe() {
        StringBuilder out = new StringBuilder();
        sinks.forEach((ref, t) -> out.append(String.format("  sink %-40s %s delivered %d errors %d%n", name(ref),
                t.filter == null ? (t.usable ? "(all)" : "(invalid filter)") : t.filter,
                t.delivered.get(), t.errors.get())));
        return out.toString();
    }

    private static String name(ServiceReference<?> ref) {
        Object n = ref.getProperty("component.name");
        if (n == null) {
            Bundle b = ref.getBundle();
            n = b != null ? b.getSymbolicName() : "unregistered";
        }
        return n + "#" + ref.getProperty("service.id");
    }

    private void warn(String format, Object... args) {
        Logger l = log;
        if (l != null) {
            l.warn(format, args);
        }
    }
}
