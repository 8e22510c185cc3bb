package dev.wren.sampling;

import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Notices reads that run longer than {@code read.timeout.ms} and keeps the other sensors on schedule
 * meanwhile.
 *
 * <p>One periodic check on a thread of its own (the sampler's threads may all be stuck) looks at every
 * {@link SensorTask}; it costs a lock and a comparison per sensor, a few times per timeout. A read
 * found over the timeout is {@linkplain SensorTask#declareBlocked declared blocked} and the executor is
 * lent one more core thread, so a stuck driver holds a thread of its own instead of one of the sensors'.
 * At most {@code threads} threads are lent in all; each is given back when its stuck read returns.
 *
 * <p>Lock order: this, then a task; a task calls back into this only after releasing its own lock.
 */
final class Watchdog implements AutoCloseable {

    private static final long MIN_CHECK_MS = 25;
    private static final long MAX_CHECK_MS = 1_000;

    private final ScheduledThreadPoolExecutor executor;
    private final Supplier<? extends Collection<SensorTask>> tasks;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> check;
    private long timeoutMs;
    private int threads;
    private int spares;
    private boolean closed;

    /**
     * @param executor the sampler's executor, whose core pool size this class owns from now on
     * @param tasks    the sensors present now
     */
    Watchdog(ScheduledThreadPoolExecutor executor, Supplier<? extends Collection<SensorTask>> tasks,
             Sampler.Settings settings) {
        this.executor = executor;
        this.tasks = tasks;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wren-sampler-watchdog");
            t.setDaemon(true);
            return t;
        });
        settings(settings);
    }

    /** Applies a new timeout and thread count; threads lent so far stay lent until their reads return. */
    synchronized void settings(Sampler.Settings settings) {
        if (closed) {
            return;
        }
        threads = settings.threads();
        executor.setCorePoolSize(threads + spares);
        if (check == null || timeoutMs != settings.readTimeoutMs()) {
            timeoutMs = settings.readTimeoutMs();
            if (check != null) {
                check.cancel(false);
            }
            long every = Math.max(MIN_CHECK_MS, Math.min(MAX_CHECK_MS, timeoutMs / 4));
            check = timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** @return the threads lent to the executor now, one per blocked read while any are left */
    synchronized int spares() {
        return spares;
    }

    private synchronized void check() {
        long now = System.nanoTime();
        for (SensorTask task : tasks.get()) {
            Spare spare = new Spare();
            boolean left = spares < threads;
            try {
                if (task.declareBlocked(now, timeoutMs, left, spare) && left) {
                    spare.lent = true;
                    spares++;
                    executor.setCorePoolSize(threads + spares);
                }
            } catch (RuntimeException e) {
                // one sensor's trouble must not end the check of the others
            }
        }
    }

    /** Gives its thread back when the blocked read returns, if one was lent for it: run at most once. */
    private final class Spare implements Runnable {
        /** Guarded by the watchdog. */
        boolean lent;

        @Override
        public void run() {
            synchronized (Watchdog.this) {
                if (!lent) {
                    return;
                }
                lent = false;
                spares--;
                if (!closed) {
                    executor.setCorePoolSize(threads + spares);
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        timer.shutdownNow();
    }
}
