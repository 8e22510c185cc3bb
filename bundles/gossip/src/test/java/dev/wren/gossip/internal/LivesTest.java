package dev.wren.gossip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wren.gossip.internal.crypto.Opened;
import dev.wren.gossip.internal.wire.Drop;
import dev.wren.gossip.internal.wire.Message;
import dev.wren.gossip.internal.wire.Packet;
import dev.wren.gossip.internal.wire.Update;
import dev.wren.peer.Member;

/** The epoch rules one by one: this life, the sender's lives, first contacts, nudges, forgetting. */
class LivesTest {

    static final long BOOT = 1_763_798_400_000L;
    static final Packet PING = new Packet("gw-a", new Message.Ping(1, "gw-b", false, 0), List.of());
    static final Packet DIGEST = new Packet("gw-a", new Message.Digest(1, "", "", List.of()), List.of());

    static Opened opened(long fromEpoch, boolean toAnyone, long toEpoch, long sentAt) {
        return new Opened(new byte[0], sentAt, fromEpoch, toAnyone, toEpoch);
    }

    @Test
    void aPacketIsForThisLifeByItsEpochOrIfUnknownByWhenItWasSealed() {
        Lives l = new Lives(5, BOOT);
        assertTrue(l.forThisLife(5, BOOT - 60_000), "our epoch: whenever it was sealed");
        assertFalse(l.forThisLife(4, BOOT + 1), "an earlier life's");
        assertFalse(l.forThisLife(6, BOOT + 1), "a life we never had");
        assertTrue(l.forThisLife(0, BOOT));
        assertFalse(l.forThisLife(0, BOOT - 1), "not known, sealed before we started");
        assertEquals(Drop.STALE_RECEIVER, l.judge(opened(1, false, 4, BOOT + 1), PING, BOOT + 1));
        assertNull(l.judge(opened(1, false, 5, BOOT + 1), PING, BOOT + 1));
        assertThrows(IllegalArgumentException.class, () -> new Lives(0, BOOT));
    }

    @Test
    void aSendersEarlierLifeIsRefusedOnceALaterOneWasHeard() {
        Lives l = new Lives(5, BOOT);
        assertNull(l.judge(opened(3, false, 5, BOOT), PING, BOOT));
        assertEquals(3, l.of("gw-a"));
        assertNull(l.judge(opened(4, false, 5, BOOT), PING, BOOT));
        assertEquals(Drop.STALE_SENDER, l.judge(opened(3, false, 5, BOOT), PING, BOOT));
        assertEquals(4, l.of("gw-a"));
        assertEquals(4, l.route("gw-a").toEpoch(), "sealed for the life we know");
        assertEquals(0, l.route("gw-z").toEpoch());
        assertTrue(l.route(null).toAnyone());
        assertEquals(5, l.route(null).fromEpoch());
    }

    @Test
    void aFirstContactIsABareDigest() {
        Lives l = new Lives(5, BOOT);
        assertNull(l.judge(opened(1, true, 0, BOOT), DIGEST, BOOT));
        assertEquals(Drop.MISROUTED, l.judge(opened(1, true, 0, BOOT), PING, BOOT));
        Packet loaded = new Packet("gw-a", DIGEST.message(),
                List.of(new Update.MemberUpdate("gw-a", "gw-a:1", Member.Status.ALIVE, 1, "")));
        assertEquals(Drop.MISROUTED, l.judge(opened(1, true, 0, BOOT), loaded, BOOT));
    }

    @Test
    void nudgesAreRateLimitedAndStrangersForgotten() {
        Lives l = new Lives(5, BOOT);
        assertNull(l.judge(opened(2, false, 5, BOOT), PING, BOOT));
        assertEquals(Drop.STALE_RECEIVER, l.judge(opened(2, false, 4, BOOT), PING, BOOT));
        assertTrue(l.nudge("gw-a", BOOT, 1_000));
        assertFalse(l.nudge("gw-a", BOOT + 999, 1_000));
        assertTrue(l.nudge("gw-a", BOOT + 1_000, 1_000));
        assertFalse(l.nudge("gw-unknown", BOOT, 1_000), "only a sender we heard");

        assertNull(l.judge(opened(7, false, 5, BOOT), new Packet("gw-m", PING.message(), List.of()), BOOT));
        l.sweep(Map.of("gw-m", 1), BOOT + 30_000, 30_000);
        assertEquals(2, l.of("gw-a"), "heard within the window");
        l.sweep(Map.of("gw-m", 1), BOOT + 30_001, 30_000);
        assertEquals(0, l.of("gw-a"), "a stranger not heard within the window is forgotten");
        l.sweep(Map.of("gw-m", 1), BOOT + 3_600_000, 30_000);
        assertEquals(7, l.of("gw-m"), "a member's epoch is kept");
    }
}
