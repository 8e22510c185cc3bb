package dev.wren.gossip.internal.crypto;

/**
 * An authentic, fresh, new packet as {@link Envelope#open} found it. What the epochs mean for it
 * is the node's decision ({@code Lives}).
 *
 * @param payload   what was sealed
 * @param sentAt    the sender's clock when it sealed it, ms
 * @param fromEpoch the sender's boot epoch
 * @param toAnyone  sealed for anyone (a first contact), not for this member by id
 * @param toEpoch   this member's epoch as the sender knew it, 0 when it did not
 */
public record Opened(byte[] payload, long sentAt, long fromEpoch, boolean toAnyone, long toEpoch) {
}
