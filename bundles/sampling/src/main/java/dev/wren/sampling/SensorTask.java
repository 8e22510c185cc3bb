package dev.wren.sampling;

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

/**
 * One sensor's schedule: reads it at the period of the current mode, counts failures, marks it
 * faulted after too many in a row and then retries with a doubling period, and hands good
 * readings to the {@link Fanout}. Reschedules itself, so a sensor is never read concurrently.
 */
final class SensorTask implements Runnable {

    private final Sensor sensor;
    private final ServiceReference<Sensor> ref;
    private final String id;
    private final Fanout fanout;
    private final BiConsumer<String, Map<String, ?>> events;
    private final Logger log;
    private final Object readLock = new Object();

    private Map<String, ?> goodProperties = Map.of();
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
               BiConsumer<String, Map<String, ?>> events, Logger log) {
        this.sensor = sensor;
        this.ref = ref;
        this.fanout = fanout;
        this.events = events;
        this.log = log;
        Object sid = properties.get(Sensor.ID);
        this.id = sid != null ? sid.toString() : sensor.id();
        properties(properties);
    }

    String id() {
        return id;
    }

    /**
     * Takes new service properties if their periods are valid, else keeps the last good ones.
     *
     * @return whether the properties were taken
     */
    synchronized boolean properties(Map<String, ?> properties) {
        try {
            SamplingPeriods.from(properties, new SamplingPeriods(0, 0, 0));
            goodProperties = Map.copyOf(properties);
            return true;
        } catch (IllegalArgumentException e) {
            log.error("Sensor {}: {}; keeping its last good periods", id, e.getMessage());
            return false;
        }
    }

    /** (Re)starts reading at the period of {@code mode}; reads at once. */
    synchronized void start(ScheduledExecutorService executor, Sampler.Settings settings, PowerMode mode) {
        cancel();
        this.executor = executor;
        this.settings = settings;
        this.periodMs = SamplingPeriods.from(goodProperties, settings.defaults()).of(mode);
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
        run();
        synchronized (this) {
            if (gen == generation && !stopped) {
                schedule(nextDelayNanos());
            }
        }
    }

    @Override
    public void run() {
        synchronized (readLock) {
            try {
                List<Reading> readings = sensor.read();
                if (readings == null || readings.isEmpty()) {
                    throw new SensorException(SensorException.Fault.CORRUPT_DATA, "read returned no readings");
                }
                succeeded();
                fanout.deliver(ref, List.copyOf(readings));
            } catch (SensorException e) {
                failed(e.fault().name(), e.getMessage());
            } catch (RuntimeException | LinkageError e) {
                failed("INTERNAL", e.toString());
            }
        }
    }

    private synchronized void succeeded() {
        reads++;
        lastReadMillis = System.currentTimeMillis();
        failuresInRow = 0;
        if (faulted) {
            faulted = false;
            log.info("Sensor {} recovered", id);
            events.accept(SensorEvents.TOPIC_RECOVERED, Map.of(SensorEvents.SENSOR, id));
        }
    }

    private synchronized void failed(String fault, String message) {
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
    }

    /** Fixed rate while healthy (missed slots are skipped, not bunched); doubling while faulted. */
    private long nextDelayNanos() {
        long now = System.nanoTime();
        long period = TimeUnit.MILLISECONDS.toNanos(periodMs);
        if (faulted) {
            int doublings = Math.min(failuresInRow - settings.faultThreshold() + 1, 30);
            long backoff = Math.min(periodMs << doublings, Math.max(periodMs, settings.backoffMaxMs()));
            dueNanos = now + TimeUnit.MILLISECONDS.toNanos(backoff);
        } else {
            dueNanos += period;
            if (dueNanos - now < 0) {
                dueNanos = now + period;
            }
        }
        return Math.max(0, dueNanos - now);
    }

    synchronized String describe(PowerMode mode) {
        String state = periodMs == 0 ? "idle in " + mode : faulted ? "FAULTED" : "ok";
        return String.format("  %-24s %-10s every %6d ms  reads %d  failures %d  last %s%s",
                id, state, periodMs, reads, failures,
                lastReadMillis == 0 ? "never" : java.time.Instant.ofEpochMilli(lastReadMillis),
                lastError.isEmpty() ? "" : "  last error " + lastError);
    }
}
