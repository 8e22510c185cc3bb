package dev.wren.gossip.internal.wire;

/** Why a received packet was dropped. A dropped packet changes nothing but its counter. */
public enum Drop {
    /** Longer than 1200 bytes. */
    OVERSIZED,
    /** Shorter than the envelope's header, nonce, timestamp and tag. */
    TRUNCATED,
    /** Not this protocol, or authentic but not a valid packet inside. */
    MALFORMED,
    /** A Wren gossip packet of another wire version: a gateway not upgraded yet (version 1 had no route). */
    WRONG_VERSION,
    /** Sealed for another cluster name. */
    WRONG_CLUSTER,
    /** Sealed with a key id that is not in the keyring. */
    UNKNOWN_KEY,
    /** The tag did not verify: forged, garbled, or another key with the same id. */
    BAD_AUTH,
    /** The sender's timestamp is outside the replay window (or older than it can still be checked). */
    STALE,
    /** The same nonce was seen before within the window. */
    REPLAYED,
    /**
     * Sealed for another member (captured and re-routed), or a first contact (sealed for anyone)
     * that is more than a digest.
     */
    MISROUTED,
    /**
     * Sealed for an earlier start of this gateway (its boot epoch), or, a first contact, before
     * this start: a replay the nonce memory of that start would have caught.
     */
    STALE_RECEIVER,
    /** Sealed by an earlier start of its sender: a lower boot epoch than heard from it already. */
    STALE_SENDER
}
