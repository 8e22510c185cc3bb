package dev.wren.uplink.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.cloudconnection.listener.CloudConnectionListener;
import org.eclipse.kura.cloudconnection.listener.CloudDeliveryListener;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;

/**
 * A Kura {@link CloudPublisher} as the API documents it, for tests where Kura is absent: every
 * accepted message gets a fresh id and is recorded; in {@link Mode#CONFIRM} the id is confirmed to
 * the delivery listeners shortly after, on another thread (as Kura does when the broker's PUBACK
 * arrives); in {@link Mode#NEVER} no confirmation ever comes; in {@link Mode#REFUSE} publish throws
 * {@link KuraException} ({@code NOT_CONNECTED}), as Kura does when it cannot take a message.
 */
public final class Publisher implements CloudPublisher, AutoCloseable {

    public enum Mode { CONFIRM, NEVER, REFUSE }

    /** A message as handed over: the outbox id read from its body, and its channel property. */
    public record Sent(String messageId, long outboxId, String channel, String body) {
    }

    private static final Pattern OUTBOX_ID = Pattern.compile("^\\{\"id\":(\\d+),");

    private final List<CloudDeliveryListener> deliveries = new CopyOnWriteArrayList<>();
    private final List<CloudConnectionListener> connections = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final Map<Long, Integer> copies = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final ScheduledExecutorService confirmer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-publisher-confirm");
        t.setDaemon(true);
        return t;
    });
    private volatile Mode mode;

    public Publisher(Mode mode) {
        this.mode = mode;
    }

    public void mode(Mode m) {
        mode = m;
    }

    @Override
    public String publish(KuraMessage message) throws KuraException {
        if (mode == Mode.REFUSE) {
            refused.incrementAndGet();
            throw new KuraException(KuraErrorCode.NOT_CONNECTED);
        }
        String body = new String(message.getPayload().getBody(), StandardCharsets.UTF_8);
        Matcher m = OUTBOX_ID.matcher(body);
        long outboxId = m.find() ? Long.parseLong(m.group(1)) : -1;
        String id = "kura-" + ids.incrementAndGet();
        sent.add(new Sent(id, outboxId, String.valueOf(message.getProperties().get("channel")), body));
        copies.merge(outboxId, 1, Integer::sum);
        if (mode == Mode.CONFIRM) {
            confirmer.schedule(() -> deliveries.forEach(l -> l.onMessageConfirmed(id)), 5, TimeUnit.MILLISECONDS);
        }
        return id;
    }

    /** Tells the connection listeners the connection was lost. */
    public void lose() {
        connections.forEach(CloudConnectionListener::onConnectionLost);
    }

    /** Tells the connection listeners the connection is established. */
    public void establish() {
        connections.forEach(CloudConnectionListener::onConnectionEstablished);
    }

    public List<Sent> sent() {
        return new ArrayList<>(sent);
    }

    /** @return how many times the message with this outbox id was handed over */
    public int copies(long outboxId) {
        return copies.getOrDefault(outboxId, 0);
    }

    public long refused() {
        return refused.get();
    }

    public int listeners() {
        return deliveries.size() + connections.size();
    }

    /** Waits up to {@code timeout} for {@code condition}. */
    public static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void registerCloudConnectionListener(CloudConnectionListener l) {
        connections.add(l);
    }

    @Override
    public void unregisterCloudConnectionListener(CloudConnectionListener l) {
        connections.remove(l);
    }

    @Override
    public void registerCloudDeliveryListener(CloudDeliveryListener l) {
        deliveries.add(l);
    }

    @Override
    public void unregisterCloudDeliveryListener(CloudDeliveryListener l) {
        deliveries.remove(l);
    }

    @Override
    public void close() {
        confirmer.shutdownNow();
    }
}
