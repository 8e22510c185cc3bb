package dev.wren.gossip.internal.wire;

import dev.wren.peer.Member.Status;

/**
 * What one node knows of one member, for anti-entropy: its status and incarnation, and how far it
 * has the member's state: complete up to {@code watermark} of {@code generation}. {@code status}
 * null: the member is unknown to the sender.
 */
public record DigestEntry(String id, Status status, long incarnation, long generation, long watermark) {

    public static DigestEntry unknown(String id) {
        return new DigestEntry(id, null, 0, 0, 0);
    }
}
