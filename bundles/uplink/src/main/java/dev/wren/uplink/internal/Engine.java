package dev.wren.uplink.internal;

import java.time.Instant;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttException;

import dev.wren.store.Outbox;
import dev.wren.store.Stored;
import dev.wren.uplink.Uplink.State;

/**
 * Drains an outbox to one broker, usable without a framework: connects, publishes every message
 * at QoS 1 to its channel's topic, and on any failure gives the unacknowledged messages back to
 * the outbox and tries again after a growing, jittered wait. Everything happens on one thread,
 * {@code wren-uplink}: connecting, draining, waiting, and every {@link Listener#status} report,
 * so reports arrive in order.
 *
 * <p>Delivery is at least once: a message is forgotten by the outbox only when the broker has
 * acknowledged it; one the broker had received when the connection broke is sent again, with the
 * same id.
 */
public final class Engine implements AutoCloseable {

    /** Told what the engine does; called on the engine's thread, must not block. */
    public interface Listener {

        /** After every connection attempt and state change; consecutive reports may be equal but for failures. */
        void status(Status status);

        /** A message that can never be sent was acknowledged to drop it from the outbox. */
        void dropped(Stored message, String why);
    }

    private static final long CLOSE_WAIT_MS = 5_000;

    private final Settings settings;
    private final Outbox outbox;
    private final Counters counters;
    private final Listener listener;
    private final Backoff backoff;
    private final ScheduledThreadPoolExecutor thread;
    private final Requests requests;

    private volatile boolean closing;
    private volatile Session session;
    private volatile Session.Closed closed;
    private Status status;
    private int failures;

    public Engine(Settings settings, Outbox outbox, Counters counters, Listener listener) {
        this(settings, outbox, counters, listener, new Requests(i -> { }, w -> { }));
    }

    /** @param requests the request handlers whose topics every session subscribes to */
    public Engine(Settings settings, Outbox outbox, Counters counters, Listener listener, Requests requests) {
        this.requests = requests;
        if (!settings.enabled()) {
            throw new IllegalArgumentException("no broker configured");
        }
        this.settings = settings;
        this.outbox = outbox;
        this.counters = counters;
        this.listener = listener;
        this.backoff = new Backoff(settings.backoffInitialMs(), settings.backoffMaxMs(), settings.jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "wren-uplink");
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Reports {@link State#CONNECTING} and connects. */
    public Engine start() {
        thread.execute(() -> {
            report(State.CONNECTING, "connecting to " + settings.describe());
            attempt();
        });
        return this;
    }

    private void attempt() {
        if (closing) {
            return;
        }
        Session s;
        try {
            s = new Session(settings, outbox, counters, listener, requests);
        } catch (MqttException e) {
            retry(Reasons.refused(e));
            return;
        }
        session = s;
        try {
            s.connect();
        } catch (MqttException e) {
            s.close(false);
            session = null;
            if (!closing) {
                retry(Reasons.refused(e));
            }
            return;
        }
        int connectedAfter = failures;
        failures = 0;
        if (!closing) {
            report(State.CONNECTED, "connected to " + settings.describe());
            s.birth();
            s.listen();
            s.drain();
        }
        Session.Closed end = s.close(closing);
        if (closing) {
            closed = end;
        }
        session = null;
        if (!closing) {
            // a failing outbox ends every session at once: back off as from failed connections
            failures = s.outboxFailed() ? connectedAfter + 1 : 0;
            report(State.DISCONNECTED, s.reason());
            schedule(backoff.delayMs(Math.max(failures, 1)));
        }
    }

    private void retry(String reason) {
        failures++;
        report(State.DISCONNECTED, reason);
        schedule(backoff.delayMs(failures));
    }

    private void schedule(long delayMs) {
        if (!closing) {
            thread.schedule(this::attempt, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void report(State state, String reason) {
        Instant since = status != null && status.state() == state ? status.since() : Instant.now();
        status = new Status(state, reason, since, failures);
        listener.status(status);
    }

    /** @return messages handed to the broker and not yet acknowledged or given back */
    public int inFlight() {
        Session s = session;
        return s == null ? 0 : s.inFlight();
    }

    /** @return how the connected session ended when the engine was closed; null if none was connected */
    Session.Closed closed() {
        return closed;
    }

    /**
     * Stops: a connected engine marks its state topic offline, waits briefly for in-flight
     * messages to be acknowledged, disconnects and gives the rest back to the outbox. Returns
     * within {@value #CLOSE_WAIT_MS} ms even if a connection attempt hangs (that attempt then
     * ends itself, on a daemon thread).
     */
    @Override
    public void close() {
        closing = true;
        Session s = session;
        if (s != null) {
            s.stop();
        }
        thread.shutdown();
        try {
            thread.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
