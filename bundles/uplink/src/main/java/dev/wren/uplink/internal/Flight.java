package dev.wren.uplink.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * One outbox message handed to Paho: the message Paho needs anyway, carrying the outbox id and
 * settled exactly once (acknowledged or released, whichever of Paho's callback and the session's
 * final sweep comes first). Linked in publishing order for that sweep.
 *
 * <p>It holds its payload itself: {@link MqttMessage}'s constructor and {@code setPayload} copy
 * the array, and Paho reads it only through {@link #getPayload()}.
 */
final class Flight extends MqttMessage {

    private static final VarHandle SETTLED;

    static {
        try {
            SETTLED = MethodHandles.lookup().findVarHandle(Flight.class, "settled", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long id;
    private final byte[] payload;
    /** The next flight published in the same session; written by the drainer only. */
    Flight next;
    @SuppressWarnings("unused")
    private volatile int settled;

    Flight(long id, byte[] payload) {
        this.id = id;
        this.payload = payload;
    }

    @Override
    public byte[] getPayload() {
        return payload;
    }

    @Override
    public String toString() {
        return "message " + id;
    }

    /** @return true for the one caller that settles this flight */
    boolean settle() {
        return SETTLED.compareAndSet(this, 0, 1);
    }

    boolean settled() {
        return settled != 0;
    }
}
