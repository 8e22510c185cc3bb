package dev.wren.sampling;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.osgi.framework.ServiceReference;
import org.osgi.service.log.Logger;

import dev.wren.power.PowerMode;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SamplingPeriods;
import dev.wren.sensor.Sensor;
import dev.wren.sensor.SensorEvents;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.Window;
import dev.wren.sensor.WindowSensor;

/**
 * One sensor's schedule: reads it at the period of the current mode, counts failures, marks it
 * faulted after too many in a row and then retries with a doubling period, and hands good
 * readings to the {@link Fanout}. Reschedules itself whatever a read throws, so a sensor is never
 * read concurrently and never silently dropped from the schedule.
 */
final class SensorTask {

    private static final SamplingPeriods NONE = new SamplingPeriods(0, 0, 0);

    private final Sensor sensor;
    private final ServiceReference<Sensor> ref;
    private final Fanout fanout;
    private final BiConsumer<String, Map<String, ?>> events;
    private final Object readLock = new Object();

    private String id;
    private Map<String, ?> latestProperties;
    private Map<String, ?> goodProperties = Map.of();
    private Logger log;
    private ScheduledExecutorService executor;
    private ScheduledFuture<?> next;
    private Sampler.Settings settings;
    private long periodMs;
    private long dueNanos;
    private int generation;
    private boolean stopped;

    private int failuresInRow;
    private boolean faulted;
    private long reads;
    private long failures;
    private long lastReadMillis;
    private String lastError = "";

    SensorTask(Sensor sensor, ServiceReference<Sensor> ref, Map<String, ?> properties, Fanout fanout,
               BiConsumer<String, Map<String, ?>> events) {
        this.sensor = sensor;
        this.ref = ref;
        this.fanout = fanout;
        this.events = events;
        Object sid = properties.get(Sensor.ID);
        this.id = sid != null ? sid.toString() : "?";
        this.latestProperties = properties;
    }

    synchronized String id() {
        return id;
    }

    /** New service properties; their periods are checked at the next {@link #start}. */
    synchronized void properties(Map<String, ?> properties) {
        latestProperties = properties;
    }

    /**
     * (Re)starts reading at the period of {@code mode} and reads at once. Periods come from the
     * latest service properties if they are valid, else from the last valid ones.
     */
    synchronized void start(ScheduledExecutorService executor, Sampler.Settings settings, PowerMode mode, Logger log) {
        cancel();
        this.executor = executor;
        this.settings = settings;
        this.log = log;
        refreshId();
        if (latestProperties != null) {
            try {
                SamplingPeriods.from(latestProperties, NONE);
                goodProperties = Map.copyOf(latestProperties);
            } catch (IllegalArgumentException e) {
                log.error("Sensor {}: {}; keeping its last good periods", id, e.getMessage());
            }
            latestProperties = null;
        }
        periodMs = SamplingPeriods.from(goodProperties, settings.defaults()).of(mode);
        if (periodMs == 0 || stopped) {
            return;
        }
        dueNanos = System.nanoTime();
        schedule(0);
    }

    synchronized void stop() {
        stopped = true;
        cancel();
    }

    /** The sensor's own id is the validated one; the service property may hold a refused value. */
    private void refreshId() {
        try {
            id = sensor.id();
        } catch (RuntimeException e) {
            // the service is going away; keep the id it had
        }
    }

    private void cancel() {
        generation++;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    private void schedule(long delayNanos) {
        int gen = generation;
        next = executor.schedule(() -> runIf(gen), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void runIf(int gen) {
        synchronized (this) {
            if (gen != generation || stopped) {
                return;
            }
        }
        try {
            Outcome out = read();
            if (out.window() != null) {
                fanout.deliverWindow(ref, out.window());
            }
            if (!out.readings().isEmpty()) {
                fanout.deliver(ref, out.readings());
            }
        } finally {
            synchronized (this) {
                if (gen == generation && !stopped) {
                    schedule(nextDelayNanos());
                }
            }
        }
    }

    /** What one read gave sinks: a window (window sensors only) and readings, either possibly empty. */
    private record Outcome(Window window, List<Reading> readings) {
    }

    /** Reads once; a failure is counted here and gives at most a quality reading. */
    private Outcome read() {
        synchronized (readLock) {
            try {
                Window window = null;
                List<Reading> readings;
                if (sensor instanceof WindowSensor ws) {
                    window = ws.readWindow();
                    if (window == null) {
                        throw new SensorException(SensorException.Fault.CORRUPT_DATA, "readWindow returned no window");
                    }
                    readings = List.copyOf(ws.summarize(window));
                } else {
                    readings = sensor.read();
                    if (readings == null || readings.isEmpty()) {
                        throw new SensorException(SensorException.Fault.CORRUPT_DATA, "read returned no readings");
                    }
                    readings = List.copyOf(readings);
                }
                return new Outcome(window, succeeded(readings));
            } catch (SensorException e) {
                return new Outcome(null, failed(e.fault().name(), e.getMessage()));
            } catch (Throwable t) {
                return new Outcome(null, failed("INTERNAL", t.toString()));
            }
        }
    }

    /** @return the readings, after a quality reading of 1 if the sensor was faulted */
    private synchronized List<Reading> succeeded(List<Reading> readings) {
        reads++;
        lastReadMillis = System.currentTimeMillis();
        failuresInRow = 0;
        if (!faulted) {
            return readings;
        }
        faulted = false;
        log.info("Sensor {} recovered", id);
        events.accept(SensorEvents.TOPIC_RECOVERED, Map.of(SensorEvents.SENSOR, id));
        Reading[] out = new Reading[readings.size() + 1];
        out[0] = new Reading(id, Reading.QUALITY, 1, "", lastReadMillis);
        for (int i = 0; i < readings.size(); i++) {
            out[i + 1] = readings.get(i);
        }
        return List.of(out);
    }

    /** @return a quality reading of 0 while the sensor is faulted, else nothing */
    private synchronized List<Reading> failed(String fault, String message) {
        failures++;
        failuresInRow++;
        lastError = fault + ": " + message;
        if (!faulted && failuresInRow >= settings.faultThreshold()) {
            faulted = true;
            log.warn("Sensor {} faulted after {} failed reads: {}", id, failuresInRow, lastError);
            events.accept(SensorEvents.TOPIC_FAULTED, Map.of(SensorEvents.SENSOR, id,
                    SensorEvents.FAULT, fault, SensorEvents.MESSAGE, String.valueOf(message)));
        } else if (!faulted) {
            log.debug("Sensor {} read failed ({} in a row): {}", id, failuresInRow, lastError);
        }
        return faulted ? List.of(new Reading(id, Reading.QUALITY, 0, "", System.currentTimeMillis())) : List.of();
    }

    /** Fixed rate while healthy (missed slots are skipped, not bunched); doubling while faulted. */
    private long nextDelayNanos() {
        long now = System.nanoTime();
        long period = TimeUnit.MILLISECONDS.toNanos(periodMs);
        if (faulted) {
            dueNanos = now + TimeUnit.MILLISECONDS.toNanos(
                    backoffMs(periodMs, failuresInRow, settings.faultThreshold(), settings.backoffMaxMs()));
        } else {
            dueNanos += period;
            if (dueNanos - now < 0) {
                dueNanos = now + period;
            }
        }
        return Math.max(0, dueNanos - now);
    }

    /**
     * @return the wait before the next try of a faulted sensor: twice the period at the threshold,
     *         doubling with each further failure, never more than {@code maxMs} (nor less than
     *         the period)
     */
    static long backoffMs(long periodMs, int failuresInRow, int threshold, long maxMs) {
        int doublings = Math.max(1, Math.min(failuresInRow - threshold + 1, 30));
        return Math.min(periodMs << doublings, Math.max(periodMs, maxMs));
    }

    synchronized String describe(PowerMode mode) {
        String state = periodMs == 0 ? "idle in " + mode : faulted ? "FAULTED" : "ok";
        return String.format("  %-24s %-10s every %6d ms  reads %d  failures %d  last %s%s",
                id, state, periodMs, reads, failures,
                lastReadMillis == 0 ? "never" : Instant.ofEpochMilli(lastReadMillis),
                lastError.isEmpty() ? "" : "  last error " + lastError);
    }
}
