package dev.wren.gossip.internal.crypto;

import dev.wren.gossip.internal.wire.DroppedException;

/**
 * Seals payloads into packets for one receiver ({@link Route}) and opens them again. Not
 * thread-safe: one node's single thread uses it.
 */
public interface Envelope {

    /** The largest packet on the wire, in bytes. */
    int MAX_PACKET = 1200;
    /** Bytes a sealed packet adds to its payload: header, route, nonce, sender timestamp, tag. */
    int OVERHEAD = 55;

    /** @return the packet: {@code payload} for {@code route}, sealed at {@code nowMillis} (the sender's clock) */
    byte[] seal(byte[] payload, Route route, long nowMillis);

    /**
     * @param self this member's node id: a packet sealed for another member is refused
     * @return the payload and its route
     * @throws DroppedException the packet is not for {@code self}, or not authentic, fresh and new;
     *         nothing was remembered of it
     */
    Opened open(byte[] packet, String self, long nowMillis) throws DroppedException;
}
