package dev.wren.gossip.internal.wire;

import java.util.List;

/**
 * Consecutive state of one member for anti-entropy: every key written after version {@code from}
 * up to {@code to} of {@code generation} that the sender has, oldest first, so a receiver complete
 * up to {@code from} is complete up to {@code to} afterwards. {@code reset}: the whole state (the
 * receiver drops keys not listed).
 */
public record StateBlock(String id, long generation, long from, long to, boolean reset, List<Entry> entries) {

    /** One key at its version; {@code value} null: deleted. */
    public record Entry(String key, String value, long version) {
    }
}
