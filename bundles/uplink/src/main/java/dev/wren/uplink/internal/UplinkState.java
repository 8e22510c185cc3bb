package dev.wren.uplink.internal;

import java.time.Instant;

import dev.wren.uplink.Uplink;

/** The registered {@link Uplink} service: the latest status, read without locking. */
final class UplinkState implements Uplink {

    private volatile Status status;

    UplinkState(Status initial) {
        this.status = initial;
    }

    Status status() {
        return status;
    }

    void status(Status next) {
        status = next;
    }

    @Override
    public State state() {
        return status.state();
    }

    @Override
    public String reason() {
        return status.reason();
    }

    @Override
    public Instant since() {
        return status.since();
    }
}
