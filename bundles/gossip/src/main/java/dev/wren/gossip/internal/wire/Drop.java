package dev.wren.gossip.internal.wire;

/** Why a received packet was dropped. A dropped packet changes nothing but its counter. */
public enum Drop {
    /** Longer than 1200 bytes. */
    OVERSIZED,
    /** Shorter than the envelope's header, nonce, timestamp and tag. */
    TRUNCATED,
    /** Not this protocol or version, or authentic but not a valid packet inside. */
    MALFORMED,
    /** Sealed for another cluster name. */
    WRONG_CLUSTER,
    /** Sealed with a key id that is not in the keyring. */
    UNKNOWN_KEY,
    /** The tag did not verify: forged, garbled, or another key with the same id. */
    BAD_AUTH,
    /** The sender's timestamp is outside the replay window (or older than it can still be checked). */
    STALE,
    /** The same nonce was seen before within the window. */
    REPLAYED
}
