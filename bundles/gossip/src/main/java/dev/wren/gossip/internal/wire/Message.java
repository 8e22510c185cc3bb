package dev.wren.gossip.internal.wire;

import java.util.List;

/**
 * What a packet asks or answers; every packet carries exactly one, plus piggybacked
 * {@link Update}s. Sequence numbers are the sender's, unique per sender for a while.
 */
public sealed interface Message {

    /**
     * Probe: answer with an {@link Ack} of the same sequence number if you are {@code target}.
     * {@code suspected}: the prober suspects the target at {@code incarnation}, so the target can
     * refute at once, in its ack.
     */
    record Ping(long seq, String target, boolean suspected, long incarnation) implements Message {
    }

    /** Indirect probe: ping {@code target} at {@code address} for me; relay its ack, or nack in time. */
    record PingReq(long seq, String target, String address) implements Message {
    }

    /**
     * The probed node answered (directly, or relayed by the node asked to probe), at its current
     * {@code incarnation}.
     */
    record Ack(long seq, long incarnation) implements Message {
    }

    /** Lifeguard: the node asked to probe got no answer in time (but itself is well). */
    record Nack(long seq) implements Message {
    }

    /**
     * Anti-entropy request: my view of every member with an id in ({@code after}, {@code upTo}]
     * ({@code upTo} empty: no upper bound), ids in ascending order. Answered with a {@link Sync}.
     */
    record Digest(long seq, String after, String upTo, List<DigestEntry> entries) implements Message {
    }

    /**
     * Anti-entropy answer ({@code seq} of the {@link Digest}) or push ({@code seq} 0): members and
     * state the receiver lacks, and {@code need}: members the sender knows less about, which the
     * receiver should push back. {@code truncated}: the packet was full, ids after
     * {@code coveredTo} were not compared.
     */
    record Sync(long seq, boolean truncated, String coveredTo, List<Update.MemberUpdate> members,
            List<StateBlock> states, List<DigestEntry> need) implements Message {
    }

    /** Nothing but the piggybacked updates. */
    record Gossip() implements Message {
    }
}
