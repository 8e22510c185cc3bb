package dev.wren.gossip.internal.wire;

import dev.wren.peer.Member.Status;

/** A rumour piggybacked on packets: a membership change, or one key of one member's state. */
public sealed interface Update {

    /** The member the rumour is about. */
    String id();

    /**
     * A member's status at an incarnation. {@code address} is empty unless {@code ALIVE};
     * {@code from} is who declared a suspicion or death (for Lifeguard's independent confirmations),
     * else empty.
     */
    record MemberUpdate(String id, String address, Status status, long incarnation, String from)
            implements Update {
    }

    /**
     * One key of a member's state: written at {@code version} of the owner's {@code generation}
     * (a new generation per start of the owner); {@code value} null is a deletion (tombstone).
     */
    record StateUpdate(String id, long generation, long version, String key, String value) implements Update {
    }
}
