package dev.wren.gossip.internal.wire;

/** Bytes that are not a packet of this protocol: too short, too long, or inconsistent. */
public final class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message, null, false, false);
    }
}
