package dev.wren.gossip.internal.crypto;

import dev.wren.gossip.internal.wire.DroppedException;

/**
 * Seals payloads into packets and opens them again. Not thread-safe: one node's single thread
 * uses it.
 */
public interface Envelope {

    /** The largest packet on the wire, in bytes. */
    int MAX_PACKET = 1200;
    /** Bytes a sealed packet adds to its payload: header, nonce, sender timestamp, tag. */
    int OVERHEAD = 43;

    /** @return the packet: {@code payload} sealed at {@code nowMillis} (the sender's clock) */
    byte[] seal(byte[] payload, long nowMillis);

    /**
     * @return the payload
     * @throws DroppedException the packet is not authentic, fresh and new; nothing was remembered
     *         of it
     */
    byte[] open(byte[] packet, long nowMillis) throws DroppedException;
}
