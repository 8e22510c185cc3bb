package dev.wren.uplink.internal;

import java.util.concurrent.atomic.LongAdder;

/** What the uplink did since the component started, across reconnections and reconfigurations. */
public final class Counters {

    /** Messages handed to Paho. */
    final LongAdder sent = new LongAdder();
    /** Messages the broker acknowledged (and the outbox forgot). */
    final LongAdder acked = new LongAdder();
    /** Messages given back to the outbox undelivered, to be sent again. */
    final LongAdder released = new LongAdder();
    /** Messages dropped because no topic could be made of their channel. */
    final LongAdder dropped = new LongAdder();

    public long sent() {
        return sent.sum();
    }

    public long acked() {
        return acked.sum();
    }

    public long released() {
        return released.sum();
    }

    public long dropped() {
        return dropped.sum();
    }
}
