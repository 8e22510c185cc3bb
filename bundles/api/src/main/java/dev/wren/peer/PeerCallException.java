package dev.wren.peer;

/**
 * Why a {@link PeerChannel#call} did not complete with an answer; the message says it in words
 * with the member and the service.
 *
 * @since 1.2
 */
public class PeerCallException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The member is unknown, not present, or advertises no channel. */
        NO_CHANNEL,
        /** The connection failed: refused, reset, or the TLS handshake failed (no common cluster key). */
        UNREACHABLE,
        /** No service of that name on the member. */
        NO_SERVICE,
        /** The member's service threw: the message is its message. */
        FAILED,
        /** The request or the answer is larger than the channel's limit. */
        TOO_LARGE,
        /** Too many calls in flight to the member, or the member has too many to answer. */
        BUSY,
        /** No answer within the timeout: the call may or may not have been handled. */
        TIMEOUT,
        /** The channel stopped (gossip reconfigured or stopped) before the answer. */
        CLOSED
    }

    private final Reason reason;

    public PeerCallException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return why; never null */
    public Reason reason() {
        return reason;
    }
}
