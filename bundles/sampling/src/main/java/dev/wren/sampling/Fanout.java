package dev.wren.sampling;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>Sinks are called synchronously, on the thread of the sensor's read, until one delivery to a sink
 * takes longer than {@code sink.slow.ms}: from then on that sink alone is called from its own
 * {@link SinkLane}, and a batch that finds its queue full is dropped for it and counted (warned about at
 * most once a minute). Its lane ends when the sink goes or at {@link #close}.
 */
final class Fanout {

    private static final long LOG_INTERVAL_MS = 60_000;

    private final Map<ServiceReference<ReadingSink>, Target> sinks = new ConcurrentHashMap<>();
    private final Supplier<Collection<ServiceReference<Sensor>>> sensors;
    private volatile Logger log;
    private volatile long slowNanos = TimeUnit.MILLISECONDS.toNanos(1_000);
    private volatile boolean closed;

    /** @param sensors the sensors present now, to warn about filters that match none of them */
    Fanout(Supplier<Collection<ServiceReference<Sensor>>> sensors) {
        this.sensors = sensors;
    }

    /**
     * A sink, its last good filter ({@code null} = every sensor), its error counters and, once it proved
     * slow, its lane. The lane is set and closed under the target's lock.
     */
    private static final class Target {
        final ReadingSink sink;
        volatile Filter filter;
        volatile boolean usable = true;
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        volatile long lastLogged;
        volatile long lastDropLogged;
        volatile SinkLane lane;
        boolean removed;

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
        Target t = sinks.remove(ref);
        if (t != null) {
            retire(t);
        }
    }

    /** @param ms the longest a delivery to a sink may take before the sink is moved to its own lane */
    void slowAfter(long ms) {
        slowNanos = TimeUnit.MILLISECONDS.toNanos(ms);
    }

    /** Ends every sink's lane; no sink gets one after this. */
    void close() {
        closed = true;
        sinks.values().forEach(Fanout::retire);
    }

    private static void retire(Target t) {
        synchronized (t) {
            t.removed = true;
            if (t.lane != null) {
                t.lane.close();
            }
        }
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

    /**
     * One call per matching sink; the call is a constant, so a synchronous delivery allocates nothing.
     * A sink with a lane gets the batch queued, or dropped when its queue is full.
     */
    private <T> void deliver(ServiceReference<Sensor> sensor, String id, String what, BiConsumer<ReadingSink, T> call, T data) {
        for (Map.Entry<ServiceReference<ReadingSink>, Target> e : sinks.entrySet()) {
            Target t = e.getValue();
            Filter f = t.filter;
            if (!t.usable || (f != null && !f.match(sensor))) {
                continue;
            }
            ServiceReference<ReadingSink> ref = e.getKey();
            SinkLane lane = t.lane;
            if (lane != null) {
                if (!lane.offer(() -> invoke(ref, t, id, what, call, data))) {
                    dropped(ref, t);
                }
                continue;
            }
            long start = System.nanoTime();
            invoke(ref, t, id, what, call, data);
            long took = System.nanoTime() - start;
            if (took > slowNanos) {
                moveOff(ref, t, TimeUnit.NANOSECONDS.toMillis(took), what, id);
            }
        }
    }

    private <T> void invoke(ServiceReference<ReadingSink> ref, Target t, String id, String what,
                            BiConsumer<ReadingSink, T> call, T data) {
        try {
            call.accept(t.sink, data);
            t.delivered.incrementAndGet();
        } catch (Throwable ex) {
            long n = t.errors.incrementAndGet();
            long now = System.currentTimeMillis();
            if (now - t.lastLogged >= LOG_INTERVAL_MS) {
                t.lastLogged = now;
                warn("Sink {} threw on {} of {} ({} errors so far): {}", name(ref), what, id, n, text(ex));
            }
        }
    }

    private void moveOff(ServiceReference<ReadingSink> ref, Target t, long tookMs, String what, String id) {
        String name = name(ref);
        synchronized (t) {
            if (t.lane != null || t.removed || closed) {
                return;
            }
            t.lane = new SinkLane(name);
        }
        warn("Sink {} took {} ms over {} of {}, more than sink.slow.ms {}; it is called from now on from its own thread,"
                + " {} batches queued at most, and batches that find its queue full are dropped for it", name, tookMs,
                what, id, TimeUnit.NANOSECONDS.toMillis(slowNanos), SinkLane.CAPACITY);
    }

    private void dropped(ServiceReference<ReadingSink> ref, Target t) {
        long n = t.dropped.incrementAndGet();
        long now = System.currentTimeMillis();
        if (now - t.lastDropLogged >= LOG_INTERVAL_MS) {
            t.lastDropLogged = now;
            warn("Sink {} does not keep up: its queue of {} batches is full; batches dropped for it so far: {}",
                    name(ref), SinkLane.CAPACITY, n);
        }
    }

    private static String text(Throwable t) {
        try {
            return t.toString();
        } catch (Throwable e) {
            return t.getClass().getName();
        }
    }

    String describe() {
        StringBuilder out = new StringBuilder();
        sinks.forEach((ref, t) -> {
            SinkLane lane = t.lane;
            out.append(String.format("  sink %-40s %s delivered %d errors %d%s%n", name(ref),
                    t.filter == null ? (t.usable ? "(all)" : "(invalid filter)") : t.filter,
                    t.delivered.get(), t.errors.get(), lane == null ? ""
                            : String.format(" queued, queue %d/%d, dropped %d", lane.queued(), SinkLane.CAPACITY,
                            t.dropped.get())));
        });
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
