package dev.wren.uplink.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import dev.wren.store.Outbox;
import dev.wren.store.OutboxException;
import dev.wren.store.Stored;
import dev.wren.uplink.RequestHandler;

/**
 * One connection to the broker, from connect to the end: a fresh Paho client (memory
 * persistence, clean session: the outbox is the only durable copy), the drain loop, and the final
 * sweep that gives every unacknowledged message back to the outbox.
 *
 * <p>The drainer (the engine's thread) holds one permit of the in-flight window per message it
 * hands to Paho; Paho's callback returns it when the broker acknowledges (the outbox forgets
 * the message) or the publish fails (the outbox takes the message back, to be sent again with
 * the same id). Paho counts a message out of its own window before that callback runs, so the
 * window never overflows Paho's {@code maxInflight}, which is one more than the window: the
 * extra slot carries the state messages (birth, and offline before a deliberate disconnect).
 */
final class Session implements IMqttActionListener, MqttCallback {

    private static final int CONNECT_TIMEOUT_S = 30;
    private static final long TAKE_WAIT_MS = 200;
    private static final long QUIESCE_MS = 2_000;

    private final Settings settings;
    private final Outbox outbox;
    private final Counters counters;
    private final Engine.Listener listener;
    private final MqttAsyncClient client;
    private final Semaphore permits;
    private final Topics topics;
    private final Requests requests;
    /** The topic of each app's requests without the id level, with its trailing slash, to its app. */
    private final Map<String, String> requestTopics = new ConcurrentHashMap<>();

    private final AtomicInteger unsettled = new AtomicInteger();
    private volatile boolean over;
    private volatile Throwable lost;
    private final CountDownLatch lostSignal = new CountDownLatch(1);
    /** Published and not yet pruned, oldest first; the drainer's alone. */
    private Flight head;
    private Flight tail;

    Session(Settings settings, Outbox outbox, Counters counters, Engine.Listener listener, Requests requests)
            throws MqttException {
        this.settings = settings;
        this.requests = requests;
        this.outbox = outbox;
        this.counters = counters;
        this.listener = listener;
        this.permits = new Semaphore(settings.window());
        this.topics = new Topics(settings.topics());
        this.client = new MqttAsyncClient(settings.brokerUrl(), settings.clientId(), new MemoryPersistence());
        client.setCallback(this);
    }

    /** Connects, with the last will set; blocks until connected or refused. */
    void connect() throws MqttException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(CONNECT_TIMEOUT_S);
        o.setKeepAliveInterval(settings.keepAliveS());
        o.setMaxInflight(Math.min(settings.window() + 1, 65_535));
        o.setWill(settings.topics().state(), Wire.WILL, 1, true);
        if (!settings.username().isEmpty()) {
            o.setUserName(settings.username());
            o.setPassword(settings.password().toCharArray());
        }
        if (settings.tls() != null) {
            o.setSocketFactory(settings.tls().factory());
        }
        o.setHttpsHostnameVerificationEnabled(settings.verifyHostname());
        client.connect(o).waitForCompletion((CONNECT_TIMEOUT_S + 5) * 1000L);
    }

    /** Publishes the retained birth message, in the extra slot of Paho's window. */
    void birth() {
        try {
            client.publish(settings.topics().state(), Wire.online(settings.gatewayId(), System.currentTimeMillis()),
                    1, true, null, this);
        } catch (MqttException e) {
            end(e);
        }
    }

    /** Subscribes to the requests of every handler, and of those that come, until the session ends. */
    void listen() {
        requests.subscriber(this::subscribe);
        for (String app : requests.apps()) {
            subscribe(app);
        }
    }

    private void subscribe(String app) {
        String prefix = settings.topics().topic(app + "/" + RequestHandler.REQUESTS) + "/";
        if (over || requestTopics.putIfAbsent(prefix, app) != null) {
            return;
        }
        try {
            client.subscribe(prefix + "+", 1, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] granted = token.getGrantedQos();
                    if (granted != null && granted.length > 0 && granted[0] > 2) {
                        requests.refused(prefix + "+", "the broker refused the subscription");
                    } else {
                        requests.subscribed(app, prefix + "+");
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    requests.refused(prefix + "+", Reasons.lost(e));
                }
            });
        } catch (MqttException e) {
            requests.refused(prefix + "+", Reasons.lost(e));
        }
    }

    /**
     * Takes and publishes until the connection ends or {@link #stop} is called: takes a batch,
     * then publishes each message as soon as a slot of the window is free. The next batch is
     * read from the outbox while the window is full, so reading costs no sending time, and every
     * acknowledgement is answered at once by the next message (a drainer that waited for many
     * free slots would leave the connection idle, and a broker that delays small writes would
     * then hold its acknowledgements back).
     */
    void drain() {
        int batch = Math.min(settings.batch(), settings.window());
        while (!over) {
            List<Stored> taken;
            try {
                taken = outbox.take(batch, TAKE_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (OutboxException e) {
                end(e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                end(e);
                return;
            }
            for (int i = 0, n = taken.size(); i < n; i++) {
                Stored m = taken.get(i);
                if (acquire()) {
                    publish(m);
                } else {
                    outbox.release(m.id());
                    counters.released.increment();
                }
            }
            prune();
        }
    }

    private void publish(Stored m) {
        Flight f = new Flight(m.id(), Wire.payload(m));
        if (tail == null) {
            head = f;
        } else {
            tail.next = f;
        }
        tail = f;
        unsettled.incrementAndGet();
        try {
            client.publish(topics.of(m.message()), f, f, this);
            counters.sent.increment();
        } catch (MqttException e) {
            fail(f);
            if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_NOT_CONNECTED
                    || e.getReasonCode() == MqttException.REASON_CODE_CLIENT_DISCONNECTING) {
                awaitLost();
            }
            end(e);
        } catch (IllegalArgumentException e) {
            if (f.settle()) {
                unsettled.decrementAndGet();
                outbox.acknowledge(f.id);
                counters.dropped.increment();
                permits.release();
                listener.dropped(m, "no valid topic for channel '" + m.message().channel() + "': " + e.getMessage());
            }
        }
    }

    /** Waits for a free slot of the window; @return false once the session is over */
    private boolean acquire() {
        if (over) {
            return false;
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(e);
        }
        return !over;
    }

    /** Forgets the settled flights at the head of the list (they settle roughly in order). */
    private void prune() {
        Flight f = head;
        while (f != null && f.settled()) {
            Flight next = f.next;
            f.next = null;
            f = next;
        }
        head = f;
        if (f == null) {
            tail = null;
        }
    }

    private void fail(Flight f) {
        if (f.settle()) {
            unsettled.decrementAndGet();
            outbox.release(f.id);
            counters.released.increment();
            permits.release();
        }
    }

    /** Paho is shutting the connection down: wait briefly for its reason (connectionLost). */
    private void awaitLost() {
        try {
            lostSignal.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the session: the drainer stops at its next step. */
    void stop() {
        end(null);
    }

    private void end(Throwable cause) {
        if (!over) {
            if (cause != null && lost == null) {
                lost = cause;
            }
            over = true;
            permits.release(settings.window() + 1);
        }
    }

    /**
     * How a session ended: whether the broker acknowledged the offline state message (so no last
     * will is published), how many in-flight messages the broker acknowledged while the
     * connection closed, and how many were given back to the outbox unacknowledged.
     */
    record Closed(boolean offline, int landed, int released) {
    }

    /**
     * Closes the connection, politely when {@code graceful}: the state topic is set offline, and the
     * in-flight messages get up to {@value #QUIESCE_MS} ms (while the offline message is
     * acknowledged) and {@value #QUIESCE_MS} ms more (Paho's quiesce before DISCONNECT) to be
     * acknowledged, each acknowledgement going to the outbox as it lands. Every message still
     * unacknowledged is given back to the outbox. Drainer only, after {@link #drain} returned.
     */
    Closed close(boolean graceful) {
        end(null);
        requests.subscriber(null);
        int before = unsettled.get();
        boolean offline = false;
        if (graceful && client.isConnected()) {
            try {
                client.publish(settings.topics().state(), Wire.offline(System.currentTimeMillis()), 1, true)
                        .waitForCompletion(QUIESCE_MS);
                offline = true;
            } catch (MqttException e) {
                // the broker keeps "online" until it sees the connection die; the will then says offline
            }
            try {
                client.disconnect(QUIESCE_MS).waitForCompletion(QUIESCE_MS + 1_000);
            } catch (MqttException e) {
                // disconnected forcibly below
            }
        }
        if (client.isConnected()) {
            try {
                client.disconnectForcibly(0, 1_000, false);
            } catch (MqttException e) {
                // closed below whatever its state
            }
        }
        int landed = before - unsettled.get();
        int released = 0;
        for (Flight f = head; f != null; f = f.next) {
            if (!f.settled()) {
                released++;
            }
            fail(f);
        }
        head = null;
        tail = null;
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
        return new Closed(offline, Math.max(landed, 0), released);
    }

    /** @return whether the session ended because the outbox failed (not the connection) */
    boolean outboxFailed() {
        return lost instanceof OutboxException;
    }

    /** @return why the connection ended, in words */
    String reason() {
        Throwable t = lost;
        return t == null ? "connection lost" : t instanceof OutboxException e ? "outbox unavailable: " + e.getMessage()
                : Reasons.lost(t);
    }

    /** @return messages handed to Paho and not yet acknowledged or released */
    int inFlight() {
        return unsettled.get();
    }

    @Override
    public void onSuccess(IMqttToken token) {
        if (token.getUserContext() instanceof Flight f) {
            if (f.settle()) {
                unsettled.decrementAndGet();
                outbox.acknowledge(f.id);
                counters.acked.increment();
                permits.release();
            }
        }
    }

    @Override
    public void onFailure(IMqttToken token, Throwable exception) {
        if (token.getUserContext() instanceof Flight f) {
            fail(f);
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        end(cause);
        lostSignal.countDown();
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        int slash = topic.lastIndexOf('/');
        String app = requestTopics.get(topic.substring(0, slash + 1));
        if (app != null) {
            requests.arrived(app, topic.substring(slash + 1), message.getPayload());
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // settled in onSuccess
    }
}
