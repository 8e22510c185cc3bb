package dev.wren.gossip.internal.wire;

/** A packet refused before it could change anything, and why. */
public final class DroppedException extends Exception {

    private static final long serialVersionUID = 1L;
    private final Drop reason;

    public DroppedException(Drop reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Drop reason() {
        return reason;
    }
}
