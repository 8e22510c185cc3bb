package dev.wren.gossip.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.wren.gossip.internal.wire.Message.Ack;
import dev.wren.gossip.internal.wire.Message.Digest;
import dev.wren.gossip.internal.wire.Message.Gossip;
import dev.wren.gossip.internal.wire.Message.Nack;
import dev.wren.gossip.internal.wire.Message.Ping;
import dev.wren.gossip.internal.wire.Message.PingReq;
import dev.wren.gossip.internal.wire.Message.Sync;
import dev.wren.gossip.internal.wire.Update.MemberUpdate;
import dev.wren.gossip.internal.wire.Update.StateUpdate;
import dev.wren.peer.Member.Status;

class CodecTest {

    static final List<Update> UPDATES = List.of(
            new MemberUpdate("gw-1", "10.0.0.1:7946", Status.ALIVE, 3, ""),
            new MemberUpdate("gw-2", "", Status.SUSPECT, 0, "gw-1"),
            new MemberUpdate("gw-3", "", Status.DEAD, Long.MAX_VALUE, "gw-1"),
            new MemberUpdate("gw-4", "", Status.LEFT, 7, "gw-4"),
            new StateUpdate("gw-1", 1_763_798_400_000L, 42, "mode", "FULL"),
            new StateUpdate("gw-1", 1_763_798_400_000L, 43, "models", null),
            new StateUpdate("gw-\u00e9", 1, 1, "k\u00fc", "v\u2603"));

    static final List<Message> MESSAGES = List.of(
            new Ping(1, "gw-2", false, 0),
            new Ping(2, "gw-2", true, 7),
            new PingReq(300, "gw-3", "[fe80::1]:7946"),
            new Ack(Long.MAX_VALUE, 3),
            new Nack(0),
            new Digest(9, "", "gw-9", List.of(new DigestEntry("gw-1", Status.ALIVE, 3, 17, 4),
                    DigestEntry.unknown("gw-2"), new DigestEntry("gw-3", Status.LEFT, 0, 0, 0))),
            new Sync(9, true, "gw-5", List.of(new MemberUpdate("gw-4", "h:1", Status.ALIVE, 1, "")),
                    List.of(new StateBlock("gw-4", 5, 2, 9, false, List.of(
                            new StateBlock.Entry("load", "0.4", 3), new StateBlock.Entry("x", null, 9))),
                            new StateBlock("gw-5", 5, 0, 4, true, List.of())),
                    List.of(DigestEntry.unknown("gw-1"))),
            new Gossip());

    @Test
    void everyMessageAndUpdateRoundTrips() throws Exception {
        for (Message m : MESSAGES) {
            byte[] b = Codec.encode("gw-0", m, UPDATES);
            Packet p = Codec.decode(b, 0, b.length);
            assertEquals(new Packet("gw-0", m, UPDATES), p);
        }
    }

    @Test
    void anyTruncationOrTrailingByteIsRefused() throws Exception {
        for (Message m : MESSAGES) {
            byte[] b = Codec.encode("gw-0", m, UPDATES);
            for (int len = 0; len < b.length; len++) {
                int l = len;
                assertThrows(DecodeException.class, () -> Codec.decode(b, 0, l), m + " cut at " + len);
            }
            byte[] longer = java.util.Arrays.copyOf(b, b.length + 1);
            assertThrows(DecodeException.class, () -> Codec.decode(longer, 0, longer.length));
        }
    }

    @Test
    void lengthsAndCountsAreBoundedBeforeAllocating() {
        byte[] hugeCount = {1, 1, 'a', 5, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        assertThrows(DecodeException.class, () -> Codec.decode(hugeCount, 0, hugeCount.length));
        byte[] hugeString = {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        assertThrows(DecodeException.class, () -> Codec.decode(hugeString, 0, hugeString.length));
        byte[] longVarint = {1, 1, 'a', 3, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 0};
        assertThrows(DecodeException.class, () -> Codec.decode(longVarint, 0, longVarint.length));
        byte[] tooBig = new byte[Codec.MAX_PAYLOAD + 1];
        assertThrows(DecodeException.class, () -> Codec.decode(tooBig, 0, tooBig.length));
    }

    @Test
    void sizesMatchTheEncoding() {
        MemberUpdate u = new MemberUpdate("gw-4", "h:1", Status.ALIVE, 300, "");
        assertEquals(Codec.update(u).length - 1, Codec.size(u));
    }
}
