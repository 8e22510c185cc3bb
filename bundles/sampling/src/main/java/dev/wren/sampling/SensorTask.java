package dev.wren.sampling;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
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
 *
 * <p>What a third party's driver cannot do to the sampler:
 * <ul>
 * <li>block it: a read the {@link Watchdog} finds running past {@code read.timeout.ms} is
 * {@linkplain #declareBlocked declared blocked} (faulted at once, fault {@code TIMEOUT}); the sensor is
 * not read again until that read returns, and what it returns then is discarded and counted;</li>
 * <li>flood it: readings past {@code max.readings} in one read are dropped and counted, a window of more
 * than {@value #MAX_WINDOW_SAMPLES} samples is dropped (its summary readings still go out), with a
 * warning naming the sensor at most once a minute;</li>
 * <li>break its schedule: anything a read throws, {@link Error}s included, is a failed read.</li>
 * </ul>
 */
final class SensorTask {

    /** Largest window passed on to sinks, in samples (all channels): 4 MiB of floats. */
    static final int MAX_WINDOW_SAMPLES = 1 << 20;

    private static final SamplingPeriods NONE = new SamplingPeriods(0, 0, 0);
    private static final long WARN_INTERVAL_MS = 60_000;
    private static final Outcome NOTHING = new Outcome(null, List.of());

    private final Sensor sensor;
    private final ServiceReference<Sensor> ref;
    private final Fanout fanout;
    private final BiConsumer<String, Map<String, ?>> events;

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

    private boolean reading;
    private long readStartNanos;
    private boolean blocked;
    private Runnable unblocked;

    private int failuresInRow;
    private boolean faulted;
    private long reads;
    private long failures;
    private long lastReadMillis;
    private String lastError = "";
    private long blockedReads;
    private long discarded;
    private long droppedReadings;
    private long droppedWindows;
    private long lastFloodWarnMillis = -WARN_INTERVAL_MS;

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
     * (Re)starts reading at the period of {@code mode} and reads at once, or, while a read is still
     * running, when it returns. Periods come from the latest service properties if they are valid, else
     * from the last valid ones.
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
        if (!reading) {
            schedule(0);
        }
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

    /**
     * A read returning reschedules the sensor unless it is stopped, idle, or was rescheduled meanwhile:
     * a restart during a read leaves {@link #next} empty for the read to fill.
     */
    private void runIf(int gen) {
        int max;
        synchronized (this) {
            if (gen != generation || stopped || reading) {
                return;
            }
            next = null;
            reading = true;
            readStartNanos = System.nanoTime();
            max = settings.maxReadings();
        }
        try {
            Outcome out = read(max);
            if (out.window() != null) {
                fanout.deliverWindow(ref, out.window());
            }
            if (!out.readings().isEmpty()) {
                fanout.deliver(ref, out.readings());
            }
        } finally {
            synchronized (this) {
                if (next == null && !stopped && periodMs != 0) {
                    schedule(nextDelayNanos());
                }
            }
        }
    }

    /** What one read gave sinks: a window (window sensors only) and readings, either possibly empty. */
    private record Outcome(Window window, List<Reading> readings) {
    }

    /**
     * Reads once, keeping at most {@code max} readings; a failure is counted here and gives at most a
     * quality reading, a read declared blocked meanwhile gives nothing.
     */
    private Outcome read(int max) {
        Window window = null;
        List<Reading> readings = List.of();
        int returned = 0;
        int windowSamples = 0;
        String fault = null;
        String message = null;
        try {
            if (sensor instanceof WindowSensor ws) {
                window = ws.readWindow();
                if (window == null) {
                    throw new SensorException(SensorException.Fault.CORRUPT_DATA, "readWindow returned no window");
                }
                List<Reading> summary = ws.summarize(window);
                returned = summary.size();
                readings = List.copyOf(returned > max ? summary.subList(0, max) : summary);
                windowSamples = window.samples().length;
                if (windowSamples > MAX_WINDOW_SAMPLES) {
                    window = null;
                }
            } else {
                List<Reading> r = sensor.read();
                if (r == null || r.isEmpty()) {
                    throw new SensorException(SensorException.Fault.CORRUPT_DATA, "read returned no readings");
                }
                returned = r.size();
                readings = List.copyOf(returned > max ? r.subList(0, max) : r);
            }
        } catch (SensorException e) {
            fault = e.fault().name();
            message = text(e);
        } catch (Throwable t) {
            fault = "INTERNAL";
            message = text(t);
        }
        Runnable giveBack = null;
        try {
            synchronized (this) {
                reading = false;
                if (blocked) {
                    giveBack = returnedLate();
                    return NOTHING;
                }
                if (fault != null) {
                    return new Outcome(null, failed(fault, message));
                }
                dropped(returned, readings.size(), windowSamples > MAX_WINDOW_SAMPLES ? windowSamples : 0);
                return new Outcome(window, succeeded(readings));
            }
        } finally {
            if (giveBack != null) {
                giveBack.run();
            }
        }
    }

    /** A throwable's text, even from one whose own methods throw. */
    private static String text(Throwable t) {
        try {
            return t instanceof SensorException ? String.valueOf(t.getMessage()) : t.toString();
        } catch (Throwable e) {
            return t.getClass().getName();
        }
    }

    /**
     * Called by the {@link Watchdog}: if the read in progress started more than {@code timeoutMs} before
     * {@code nowNanos} and is not yet declared blocked, declares it so. The sensor is then faulted at once
     * (FAULTED event with fault {@code TIMEOUT} unless it was faulted already, and a quality reading of 0
     * on the executor) and not read again until the read returns.
     *
     * @param spare    whether the executor gets a spare thread for this read (for the log)
     * @param returned run when the read returns, outside this task's lock
     * @return whether the read was declared blocked by this call
     */
    boolean declareBlocked(long nowNanos, long timeoutMs, boolean spare, Runnable returned) {
        List<Reading> quality;
        ScheduledExecutorService ex;
        synchronized (this) {
            long ms = TimeUnit.NANOSECONDS.toMillis(nowNanos - readStartNanos);
            if (!reading || blocked || ms <= timeoutMs) {
                return false;
            }
            blocked = true;
            unblocked = returned;
            blockedReads++;
            failures++;
            failuresInRow = Math.max(failuresInRow + 1, settings.faultThreshold());
            String message = "read blocked for " + ms + " ms";
            lastError = SensorException.Fault.TIMEOUT + ": " + message;
            log.warn("Sensor {}: read blocked for {} ms (read.timeout.ms {}); marked faulted, not read again until the"
                    + " read returns{}", id, ms, timeoutMs,
                    spare ? "; the other sensors get a spare thread" : "; no spare thread left for the others");
            if (!faulted) {
                fault(SensorException.Fault.TIMEOUT.name(), message);
            }
            quality = List.of(new Reading(id, Reading.QUALITY, 0, "", System.currentTimeMillis()));
            ex = executor;
        }
        try {
            ex.execute(() -> fanout.deliver(ref, quality));
        } catch (RejectedExecutionException e) {
            // the sampler is shutting down
        }
        return true;
    }

    /** Caller holds the lock; the read declared blocked has returned. @return what gives its thread back */
    private Runnable returnedLate() {
        blocked = false;
        discarded++;
        log.info("Sensor {}: the read declared blocked returned after {} ms; its result is discarded", id,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - readStartNanos));
        Runnable r = unblocked;
        unblocked = null;
        return r;
    }

    /** Caller holds the lock: counts what a read returned beyond the limits, warning at most once a minute. */
    private void dropped(int returned, int passed, int windowSamples) {
        if (returned == passed && windowSamples == 0) {
            return;
        }
        droppedReadings += returned - passed;
        if (windowSamples > 0) {
            droppedWindows++;
        }
        long now = System.currentTimeMillis();
        if (now - lastFloodWarnMillis < WARN_INTERVAL_MS) {
            return;
        }
        lastFloodWarnMillis = now;
        if (windowSamples > 0) {
            log.warn("Sensor {} returned a window of {} samples, more than {}; windows dropped so far: {}", id,
                    windowSamples, MAX_WINDOW_SAMPLES, droppedWindows);
        }
        if (returned > passed) {
            log.warn("Sensor {} returned {} readings in one read, more than max.readings {}; the first {} are passed on,"
                    + " readings dropped so far: {}", id, returned, passed, passed, droppedReadings);
        }
    }

    /** @return the readings, after a quality reading of 1 if the sensor was faulted */
    private List<Reading> succeeded(List<Reading> readings) {
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
    private List<Reading> failed(String fault, String message) {
        failures++;
        failuresInRow++;
        lastError = fault + ": " + message;
        if (!faulted && failuresInRow >= settings.faultThreshold()) {
            log.warn("Sensor {} faulted after {} failed reads: {}", id, failuresInRow, lastError);
            fault(fault, message);
        } else if (!faulted) {
            log.debug("Sensor {} read failed ({} in a row): {}", id, failuresInRow, lastError);
        }
        return faulted ? List.of(new Reading(id, Reading.QUALITY, 0, "", System.currentTimeMillis())) : List.of();
    }

    private void fault(String fault, String message) {
        faulted = true;
        events.accept(SensorEvents.TOPIC_FAULTED, Map.of(SensorEvents.SENSOR, id,
                SensorEvents.FAULT, fault, SensorEvents.MESSAGE, String.valueOf(message)));
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
        String state = blocked ? "BLOCKED" : periodMs == 0 ? "idle in " + mode : faulted ? "FAULTED" : "ok";
        StringBuilder extra = new StringBuilder();
        if (blocked) {
            extra.append(String.format("  blocked for %d ms",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - readStartNanos)));
        }
        if (blockedReads > 0) {
            extra.append(String.format("  blocked reads %d, discarded %d", blockedReads, discarded));
        }
        if (droppedReadings > 0 || droppedWindows > 0) {
            extra.append(String.format("  dropped %d reading(s), %d window(s)", droppedReadings, droppedWindows));
        }
        return String.format("  %-24s %-10s every %6d ms  reads %d  failures %d  last %s%s%s",
                id, state, periodMs, reads, failures,
                lastReadMillis == 0 ? "never" : Instant.ofEpochMilli(lastReadMillis),
                lastError.isEmpty() ? "" : "  last error " + lastError, extra);
    }
}
