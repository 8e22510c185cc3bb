package dev.wren.store.internal;

/**
 * The bounds of an outbox.
 *
 * @param maxBytes   payload bytes held at most
 * @param maxCount   messages held at most
 * @param maxPayload the largest payload accepted, at most {@link #PAYLOAD_CEILING}
 * @param evict      when full: evict the oldest message of the least urgent priority (true) or
 *                   refuse the new message (false)
 */
public record OutboxLimits(long maxBytes, long maxCount, int maxPayload, boolean evict) {

    /** The largest payload the schema stores (Derby's VARCHAR FOR BIT DATA). */
    public static final int PAYLOAD_CEILING = 32_672;

    /** 64 MiB, 1 000 000 messages, 16 KiB payloads, evict. */
    public static final OutboxLimits DEFAULTS = new OutboxLimits(64L << 20, 1_000_000, 16 << 10, true);

    public OutboxLimits {
        if (maxPayload < 2 || maxPayload > PAYLOAD_CEILING) {
            throw new IllegalArgumentException(
                    "max payload must be 2 to " + PAYLOAD_CEILING + " bytes, was " + maxPayload);
        }
        if (maxBytes < maxPayload) {
            throw new IllegalArgumentException("max bytes " + maxBytes
                    + " must be at least the max payload " + maxPayload);
        }
        if (maxCount < 1) {
            throw new IllegalArgumentException("max count must be at least 1, was " + maxCount);
        }
    }
}
