package dev.wren.uplink.internal;

import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.cloudconnection.listener.CloudConnectionListener;
import org.eclipse.kura.cloudconnection.listener.CloudDeliveryListener;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;
import org.eclipse.kura.message.KuraPayload;

import dev.wren.store.Outbox;
import dev.wren.store.OutboxException;
import dev.wren.store.Stored;

/**
 * Drains an outbox through one Kura {@link CloudPublisher}, usable without a framework, on one
 * thread ({@code wren-cloud-uplink}).
 *
 * <p>At least once: a message leaves the outbox only when the publisher confirms the id its
 * {@code publish} returned ({@link CloudDeliveryListener#onMessageConfirmed}). One refused
 * ({@link KuraException}, or a {@code null} id: a publisher that never confirms) is given back at
 * once and the drain pauses for the retry delay; one unconfirmed after the timeout is given back and
 * sent again. A lost connection pauses publishing until the publisher reports it established again.
 *
 * <p>What is sent: the payload's body is the same JSON as on Wren's own MQTT path (the outbox's
 * id and acceptance time first), its timestamp the acceptance time; the message properties
 * {@value #CHANNEL} (the message's channel), {@value #ID} and {@value #PRIORITY} are there for the
 * publisher's topic, e.g. {@code $channel}.
 */
final class CloudDrain implements CloudDeliveryListener, CloudConnectionListener, AutoCloseable {

    static final String CHANNEL = "channel";
    static final String ID = "id";
    static final String PRIORITY = "priority";

    /** Told what the drain does, on the drain's thread; repeated reports of the same trouble are the caller's to fold. */
    interface Listener {
        void trouble(String what);

        void fine(String what);
    }

    private static final long TAKE_WAIT_MS = 200;
    private static final int EARLY_MAX = 10_000;

    private final CloudPublisher publisher;
    private final Outbox outbox;
    private final CloudSettings settings;
    private final Listener listener;
    private final Thread thread;
    private final Object lock = new Object();
    /** Publisher id to outbox id and when it was published (nanoTime); guarded by {@link #lock}. */
    private final Map<String, long[]> pending = new HashMap<>();
    /** Confirmations that arrived before publish returned their id; guarded by {@link #lock}. */
    private final LinkedHashSet<String> early = new LinkedHashSet<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private volatile boolean connected = true;
    private volatile boolean closing;

    CloudDrain(CloudPublisher publisher, Outbox outbox, CloudSettings settings, Listener listener) {
        this.publisher = publisher;
        this.outbox = outbox;
        this.settings = settings;
        this.listener = listener;
        this.thread = new Thread(this::run, "wren-cloud-uplink");
        thread.setDaemon(true);
    }

    CloudDrain start() {
        publisher.registerCloudDeliveryListener(this);
        publisher.registerCloudConnectionListener(this);
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (!closing && !Drainers.awaitMqttStopped(1, TimeUnit.SECONDS)) {
                // the MQTT uplink is still giving its in-flight messages back
            }
            boolean reported = false;
            while (!closing) {
                expire();
                if (!connected) {
                    synchronized (lock) {
                        lock.wait(TAKE_WAIT_MS);
                    }
                    continue;
                }
                int free;
                synchronized (lock) {
                    free = settings.window() - pending.size();
                    if (free <= 0) {
                        lock.wait(TAKE_WAIT_MS);
                        continue;
                    }
                }
                List<Stored> batch;
                try {
                    batch = outbox.take(free, TAKE_WAIT_MS, TimeUnit.MILLISECONDS);
                } catch (OutboxException e) {
                    listener.trouble("the outbox failed (" + e.getMessage() + "); trying again in " + settings.retryMs()
                            + " ms");
                    pause(settings.retryMs());
                    continue;
                }
                String refused = publish(batch);
                if (refused != null) {
                    reported = true;
                    listener.trouble(refused + "; messages stay in the outbox, next try in " + settings.retryMs() + " ms");
                    pause(settings.retryMs());
                } else if (reported && !batch.isEmpty()) {
                    reported = false;
                    listener.fine("the CloudPublisher accepts messages again");
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    /** @return null when all were accepted, else why not (the refused one and the rest were given back) */
    private String publish(List<Stored> batch) {
        for (int i = 0; i < batch.size(); i++) {
            Stored m = batch.get(i);
            if (!connected || closing) {
                for (int j = i; j < batch.size(); j++) {
                    outbox.release(batch.get(j).id());
                }
                return null;
            }
            String why;
            try {
                String id = publisher.publish(message(m));
                if (id != null) {
                    published.incrementAndGet();
                    track(id, m.id());
                    continue;
                }
                why = "the CloudPublisher does not confirm delivery (it returned no message id: is its QoS 0?)";
            } catch (KuraException e) {
                why = "the CloudPublisher refused a message (" + e.getCode() + ": " + e.getMessage() + ")";
            } catch (RuntimeException e) {
                why = "the CloudPublisher failed (" + e + ")";
            }
            for (int j = i; j < batch.size(); j++) {
                outbox.release(batch.get(j).id());
            }
            return why;
        }
        return null;
    }

    static KuraMessage message(Stored m) {
        KuraPayload payload = new KuraPayload();
        payload.setTimestamp(new Date(m.created()));
        payload.setBody(Wire.payload(m));
        return new KuraMessage(payload, Map.of(CHANNEL, m.message().channel(), ID, m.id(), PRIORITY,
                m.message().priority()));
    }

    private void track(String id, long outboxId) {
        synchronized (lock) {
            if (early.remove(id)) {
                confirmed.incrementAndGet();
                outbox.acknowledge(outboxId);
            } else {
                pending.put(id, new long[] {outboxId, System.nanoTime()});
            }
        }
    }

    @Override
    public void onMessageConfirmed(String messageId) {
        synchronized (lock) {
            long[] p = pending.remove(messageId);
            if (p == null) {
                if (!closing) {
                    early.add(messageId);
                    if (early.size() > EARLY_MAX) {
                        Iterator<String> oldest = early.iterator();
                        oldest.next();
                        oldest.remove();
                    }
                }
                return;
            }
            confirmed.incrementAndGet();
            outbox.acknowledge(p[0]);
            lock.notifyAll();
        }
    }

    /** Gives back what waited for its confirmation longer than the timeout: it is sent again. */
    private void expire() {
        long now = System.nanoTime();
        long limit = TimeUnit.MILLISECONDS.toNanos(settings.timeoutMs());
        int n = 0;
        synchronized (lock) {
            for (Iterator<long[]> it = pending.values().iterator(); it.hasNext();) {
                long[] p = it.next();
                if (now - p[1] >= limit) {
                    it.remove();
                    outbox.release(p[0]);
                    n++;
                }
            }
        }
        if (n > 0) {
            resent.addAndGet(n);
            listener.trouble(n + " message(s) not confirmed within " + settings.timeoutMs() / 1000
                    + " s given back to the outbox, to be sent again");
        }
    }

    private void pause(long ms) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (!closing) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            expire();
            synchronized (lock) {
                TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(TAKE_WAIT_MS)));
            }
        }
    }

    @Override
    public void onConnectionEstablished() {
        connected = true;
        listener.fine("the cloud connection is established: draining");
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public void onConnectionLost() {
        connected = false;
        listener.trouble("the cloud connection was lost: paused until it is established again");
    }

    @Override
    public void onDisconnected() {
        connected = false;
        listener.trouble("the cloud connection was closed: paused until it is established again");
    }

    /** @return messages published and not yet confirmed */
    int inFlight() {
        synchronized (lock) {
            return pending.size();
        }
    }

    String counts() {
        return "published " + published.get() + ", confirmed " + confirmed.get() + ", resent after the timeout "
                + resent.get() + ", awaiting confirmation " + inFlight();
    }

    /**
     * Stops taking, stops listening and gives every unconfirmed message back to the outbox (the
     * cloud connection may still deliver some of them: they are then sent twice, which at least
     * once allows). Returns within 5 s.
     */
    @Override
    public void close() {
        closing = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.unregisterCloudDeliveryListener(this);
        publisher.unregisterCloudConnectionListener(this);
        synchronized (lock) {
            pending.values().forEach(p -> outbox.release(p[0]));
            pending.clear();
            early.clear();
        }
    }
}
