package dev.wren.gossip.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.wren.gossip.internal.wire.Drop;
import dev.wren.gossip.internal.wire.DroppedException;

class AesGcmEnvelopeTest {

    static final byte[] K1 = key(1, 16);
    static final byte[] K2 = key(2, 32);
    static final byte[] PAYLOAD = "hello, site".getBytes(StandardCharsets.UTF_8);
    static final long NOW = 1_763_798_400_000L;

    static byte[] key(int seed, int len) {
        byte[] k = new byte[len];
        new SplittableRandom(seed).nextBytes(k);
        return k;
    }

    static AesGcmEnvelope envelope(String cluster, Keyring ring) {
        return new AesGcmEnvelope(cluster, ring, 30_000, new SplittableRandom(cluster.hashCode() ^ ring.size()), 1024);
    }

    /** Every packet of these tests goes from epoch 1 of a member to member "b", epoch 1. */
    static final Route TO_B = new Route(1, "b", 1);

    static Drop drop(AesGcmEnvelope e, byte[] packet, long now) {
        return assertThrows(DroppedException.class, () -> e.open(packet, "b", now)).reason();
    }

    @Test
    void sealsAndOpensWithinTheSizeBudget() throws Exception {
        AesGcmEnvelope a = envelope("site", Keyring.of(K1));
        AesGcmEnvelope b = envelope("site", Keyring.of(K1));
        byte[] p = a.seal(PAYLOAD, TO_B, NOW);
        assertEquals(PAYLOAD.length + Envelope.OVERHEAD, p.length);
        assertArrayEquals(PAYLOAD, b.open(p, "b", NOW + 5).payload());
        assertThrows(IllegalArgumentException.class, () -> a.seal(new byte[Envelope.MAX_PACKET], TO_B, NOW));
    }

    @Test
    void wrongKeyWrongClusterAndGarbleAreDropped() {
        byte[] p = envelope("site", Keyring.of(K1)).seal(PAYLOAD, TO_B, NOW);
        assertEquals(Drop.UNKNOWN_KEY, drop(envelope("site", Keyring.of(K2)), p, NOW));
        assertEquals(Drop.WRONG_CLUSTER, drop(envelope("other", Keyring.of(K1)), p, NOW));
        for (int i = 0; i < p.length; i++) {
            byte[] g = p.clone();
            g[i] ^= 0x10;
            Drop d = drop(envelope("site", Keyring.of(K1)), g, NOW);
            Drop expected = i == 0 ? Drop.MALFORMED : i == 1 ? Drop.WRONG_VERSION : i == 2 ? Drop.UNKNOWN_KEY
                    : i < 7 ? Drop.WRONG_CLUSTER : i < 11 ? Drop.MISROUTED : Drop.BAD_AUTH;
            if (i != 2 || d != Drop.BAD_AUTH) {
                assertEquals(expected, d, "byte " + i);
            }
        }
        assertEquals(Drop.TRUNCATED, drop(envelope("site", Keyring.of(K1)), java.util.Arrays.copyOf(p, Envelope.OVERHEAD - 1), NOW));
        assertEquals(Drop.OVERSIZED, drop(envelope("site", Keyring.of(K1)), new byte[1201], NOW));
    }

    @Test
    void replayedAndStalePacketsAreDropped() throws Exception {
        AesGcmEnvelope a = envelope("site", Keyring.of(K1));
        AesGcmEnvelope b = envelope("site", Keyring.of(K1));
        byte[] p = a.seal(PAYLOAD, TO_B, NOW);
        b.open(p, "b", NOW).payload();
        assertEquals(Drop.REPLAYED, drop(b, p, NOW + 1_000));
        assertEquals(Drop.STALE, drop(b, a.seal(PAYLOAD, TO_B, NOW - 30_001), NOW));
        assertEquals(Drop.STALE, drop(b, a.seal(PAYLOAD, TO_B, NOW + 30_001), NOW));
        assertEquals(Drop.STALE, drop(b, p, NOW + 31_000));
    }

    @Test
    void aFullNonceMemoryRefusesRatherThanForgets() throws Exception {
        AesGcmEnvelope a = envelope("site", Keyring.of(K1));
        AesGcmEnvelope b = new AesGcmEnvelope("site", Keyring.of(K1), 30_000, new SplittableRandom(9), 4);
        byte[] first = a.seal(PAYLOAD, TO_B, NOW);
        b.open(first, "b", NOW).payload();
        for (int i = 1; i <= 4; i++) {
            b.open(a.seal(PAYLOAD, TO_B, NOW + i), "b", NOW + i).payload();
        }
        assertEquals(4, b.remembered());
        assertEquals(Drop.STALE, drop(b, first, NOW + 5));
    }

    @Test
    void rotationOldKeyOpensWhileNewIsPrimaryThenIsRemoved() throws Exception {
        Keyring old = Keyring.of(K1);
        Keyring both = old.plus(K2);
        Keyring rotated = both.withPrimary(K2);
        Keyring done = rotated.minus(K1);
        AesGcmEnvelope receiver = envelope("site", both);
        AesGcmEnvelope oldSender = envelope("site", old);
        AesGcmEnvelope newSender = envelope("site", rotated);
        assertArrayEquals(PAYLOAD, receiver.open(oldSender.seal(PAYLOAD, TO_B, NOW), "b", NOW).payload());
        assertArrayEquals(PAYLOAD, receiver.open(newSender.seal(PAYLOAD, TO_B, NOW), "b", NOW).payload());
        receiver.keyring(rotated);
        assertArrayEquals(PAYLOAD, receiver.open(oldSender.seal(PAYLOAD, TO_B, NOW), "b", NOW).payload());
        receiver.keyring(done);
        assertEquals(Drop.UNKNOWN_KEY, drop(receiver, oldSender.seal(PAYLOAD, TO_B, NOW), NOW));
        assertArrayEquals(PAYLOAD, receiver.open(newSender.seal(PAYLOAD, TO_B, NOW), "b", NOW).payload());
        assertThrows(IllegalArgumentException.class, () -> done.minus(K2));
    }

    @Test
    void keysMustBe16or24or32BytesAndANameIsNeeded() {
        assertThrows(IllegalArgumentException.class, () -> Keyring.of(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> Keyring.of());
        Keyring.of(new byte[24]);
        assertThrows(IllegalArgumentException.class, () -> envelope("", Keyring.of(K1)));
    }
}
