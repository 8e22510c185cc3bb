package dev.wren.store;

/**
 * The outbox refused or could not store a message; the message was not accepted and nothing
 * stored before was affected.
 */
public class OutboxException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The message breaks a rule of {@link Message}: bad channel, payload, priority or TTL. */
        INVALID,
        /** The payload is larger than the configured maximum. */
        TOO_LARGE,
        /**
         * The outbox is at its byte or count bound and may not (policy {@code reject}) or cannot
         * (nothing less important to evict) make room.
         */
        FULL,
        /** The storage failed: disk full, I/O error. Existing messages are intact. */
        STORAGE,
        /** The outbox is closed (stopping, or being reconfigured). */
        CLOSED
    }

    private final Reason reason;

    public OutboxException(Reason reason, String message) {
        this(reason, message, null);
    }

    public OutboxException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return why, never null */
    public Reason reason() {
        return reason;
    }
}
