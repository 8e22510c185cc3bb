package dev.wren.gossip.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class BroadcastsTest {

    private static byte[] b(int i) {
        return new byte[] {(byte) i, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    }

    @Test
    void leastSentFirstNewestAmongEqualsAndANewerRumourReplacesItsPredecessor() {
        Broadcasts q = new Broadcasts();
        q.add("m:a", b(1), false);
        q.add("m:b", b(2), false);
        assertArrayEquals(b(2), q.take(10, 1, 4, 1).get(0), "newest first");
        assertArrayEquals(b(1), q.take(10, 1, 4, 1).get(0), "then the least sent");
        q.add("m:a", b(3), false);
        assertEquals(2, q.size(), "the newer rumour about a replaced the older one");
        List<byte[]> both = q.take(100, 10, 4, 1);
        assertEquals(2, both.size());
        assertArrayEquals(b(3), both.get(0));
    }

    @Test
    void aVerdictGoesBeforeAnyChurnAndStateWritesHaveTheirOwnLimit() {
        Broadcasts q = new Broadcasts();
        q.add("m:gone", b(9), false, true);
        q.take(10, 1, 4, 1);
        for (int i = 0; i < 20; i++) {
            q.add("m:" + i, b(i), false);
        }
        assertArrayEquals(b(9), q.take(10, 1, 4, 1).get(0), "sent once already, still ahead of 20 fresh suspicions");
        q.add("s:x:k", b(100), true);
        List<byte[]> all = q.take(10_000, 100, 4, 1);
        assertEquals(22, all.size());
        assertEquals(0, q.take(10_000, 100, 4, 1).stream().filter(x -> x[0] == 100).count(), "a state write sent its 1");
    }
}
