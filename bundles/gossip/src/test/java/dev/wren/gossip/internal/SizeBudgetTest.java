package dev.wren.gossip.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.wren.gossip.internal.wire.Codec;
import dev.wren.gossip.internal.wire.Message;

/** The anti-entropy rooms fit the payload that wire version 2's larger envelope leaves, with the longest ids. */
class SizeBudgetTest {

    static final String LONGEST = "g".repeat(Codec.MAX_ID);

    @Test
    void theLargestSyncAndDigestFitAPacket() {
        int sync = Codec.header(LONGEST, new Message.Sync(Long.MAX_VALUE, true, LONGEST, List.of(), List.of(),
                List.of())).size() + 3 + 1; // three counts grow to two bytes; the update count
        assertTrue(sync + AntiEntropy.SYNC_ROOM <= Codec.MAX_PAYLOAD, sync + " + " + AntiEntropy.SYNC_ROOM);
        int digest = Codec.header(LONGEST, new Message.Digest(Long.MAX_VALUE, LONGEST, LONGEST, List.of())).size()
                + 1 + 1;
        assertTrue(digest + AntiEntropy.DIGEST_ROOM <= Codec.MAX_PAYLOAD, digest + " + " + AntiEntropy.DIGEST_ROOM);
    }
}
