package dev.wren.gossip.internal.crypto;

import static dev.wren.gossip.internal.crypto.AesGcmEnvelopeTest.K1;
import static dev.wren.gossip.internal.crypto.AesGcmEnvelopeTest.NOW;
import static dev.wren.gossip.internal.crypto.AesGcmEnvelopeTest.PAYLOAD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.wren.gossip.internal.wire.Drop;
import dev.wren.gossip.internal.wire.DroppedException;

/** The route sealed into every packet of wire version 2: receiver, receiver epoch, sender epoch. */
class RouteTest {

    static AesGcmEnvelope envelope(int seed) {
        return new AesGcmEnvelope("site", Keyring.of(K1), 30_000, new SplittableRandom(seed), 64);
    }

    static Drop drop(AesGcmEnvelope e, byte[] p, String self) {
        return assertThrows(DroppedException.class, () -> e.open(p, self, NOW)).reason();
    }

    @Test
    void aPacketOpensOnlyAtItsReceiverWithItsEpochs() throws Exception {
        byte[] p = envelope(1).seal(PAYLOAD, new Route(7, "gw-b", 3), NOW);
        assertEquals(Envelope.OVERHEAD + PAYLOAD.length, p.length);
        assertEquals(Drop.MISROUTED, drop(envelope(2), p, "gw-c"));
        Opened o = envelope(3).open(p, "gw-b", NOW);
        assertArrayEquals(PAYLOAD, o.payload());
        assertEquals(7, o.fromEpoch());
        assertEquals(3, o.toEpoch());
        assertEquals(NOW, o.sentAt());
        assertTrue(!o.toAnyone());
    }

    @Test
    void aForgedReceiverTagFailsTheTagSinceTheIdIsAuthenticated() {
        byte[] p = envelope(1).seal(PAYLOAD, new Route(1, "gw-b", 1), NOW);
        AesGcmEnvelope.int32(p, 7, Route.tag("gw-c"));
        assertEquals(Drop.BAD_AUTH, drop(envelope(2), p, "gw-c"));
        byte[] q = envelope(1).seal(PAYLOAD, new Route(1, "gw-b", 1), NOW);
        AesGcmEnvelope.int32(q, 7, 0);
        assertEquals(Drop.BAD_AUTH, drop(envelope(2), q, "gw-c"), "nor made a packet for anyone");
        byte[] r = envelope(1).seal(PAYLOAD, new Route(1, "gw-b", 1), NOW);
        AesGcmEnvelope.int32(r, 11, 2);
        assertEquals(Drop.BAD_AUTH, drop(envelope(2), r, "gw-b"), "nor its epochs changed");
    }

    @Test
    void aFirstContactOpensAnywhere() throws Exception {
        byte[] p = envelope(1).seal(PAYLOAD, Route.anyone(4), NOW);
        Opened o = envelope(2).open(p, "gw-x", NOW);
        assertTrue(o.toAnyone());
        assertEquals(0, o.toEpoch());
        assertEquals(4, o.fromEpoch());
    }

    @Test
    void version1PacketsAreRefusedAsAnotherVersion() {
        AesGcmEnvelopeV1 old = new AesGcmEnvelopeV1("site", Keyring.of(K1), 30_000, new SplittableRandom(1), 64);
        assertEquals(Drop.WRONG_VERSION, drop(envelope(2), old.seal(PAYLOAD, NOW), "gw-b"));
        assertEquals(Drop.WRONG_VERSION, drop(envelope(2), old.seal(new byte[0], NOW), "gw-b"),
                "even shorter than a version 2 packet");
    }

    @Test
    void tagsAndEpochsAreBounded() {
        assertEquals(0, Route.tag(""));
        assertNotEquals(0, Route.tag("gw-a"));
        assertNotEquals(Route.tag("gw-a"), Route.tag("gw-b"));
        assertThrows(IllegalArgumentException.class, () -> new Route(0, "gw-a", 1));
        assertThrows(IllegalArgumentException.class, () -> new Route(Route.MAX_EPOCH + 1, "gw-a", 1));
        byte[] p = envelope(1).seal(PAYLOAD, new Route(Route.MAX_EPOCH, "gw-b", Route.MAX_EPOCH), NOW);
        assertEquals(Route.MAX_EPOCH, assertDoesNotThrowOpen(p).fromEpoch());
    }

    private static Opened assertDoesNotThrowOpen(byte[] p) {
        try {
            return envelope(9).open(p, "gw-b", NOW);
        } catch (DroppedException e) {
            throw new AssertionError(e);
        }
    }
}
