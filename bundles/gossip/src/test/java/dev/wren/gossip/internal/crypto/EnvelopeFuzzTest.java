package dev.wren.gossip.internal.crypto;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.wren.gossip.internal.wire.DroppedException;

/**
 * Coverage-guided fuzzing of the envelope's opening with Jazzer: any input must open (only a
 * packet sealed for {@code gw-b} under the key, in the window, can) or be refused with a
 * {@link DroppedException}; anything else is a finding. An opened packet must be what was sealed:
 * the payload is the packet less the overhead, the route's epochs within their range.
 *
 * <p>In a normal test run it replays the seed inputs in
 * {@code src/test/resources/dev/wren/gossip/internal/crypto/EnvelopeFuzzTestInputs/open}: packets
 * of wire version 2 for gw-b, for anyone and for gw-c, and one of version 1, made by {@link #seeds}.
 * To fuzz: {@code JAZZER_FUZZ=1 mvn -pl bundles/gossip test -Dtest=EnvelopeFuzzTest}.
 */
class EnvelopeFuzzTest {

    static final long NOW = 1_763_798_400_000L;
    static final byte[] KEY = new byte[32];
    private static final AtomicLong TRIED = new AtomicLong();
    private static final AtomicLong OPENED = new AtomicLong();

    static {
        new SplittableRandom(12).nextBytes(KEY);
    }

    @FuzzTest(maxDuration = "60s")
    void open(byte[] input) {
        TRIED.incrementAndGet();
        AesGcmEnvelope e = new AesGcmEnvelope("site", Keyring.of(KEY), 30_000, new SplittableRandom(1), 16);
        try {
            Opened o = e.open(input, "gw-b", NOW);
            OPENED.incrementAndGet();
            if (o.payload().length != input.length - Envelope.OVERHEAD || o.fromEpoch() < 0
                    || o.fromEpoch() > Route.MAX_EPOCH || o.toEpoch() < 0 || o.toEpoch() > Route.MAX_EPOCH) {
                throw new IllegalStateException("opened inconsistently: " + o);
            }
        } catch (DroppedException d) {
            // refused: as it should be for nearly every input
        }
    }

    /** The seed inputs, as written to the resources (run once by hand when the format changes). */
    static byte[][] seeds() {
        AesGcmEnvelope v2 = new AesGcmEnvelope("site", Keyring.of(KEY), 30_000, new SplittableRandom(2), 16);
        AesGcmEnvelopeV1 v1 = new AesGcmEnvelopeV1("site", Keyring.of(KEY), 30_000, new SplittableRandom(3), 16);
        byte[] payload = "\u0001\u0004gw-a\u0007\u0000".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new byte[][] {
            v2.seal(payload, new Route(3, "gw-b", 7), NOW),
            v2.seal(payload, Route.anyone(3), NOW),
            v2.seal(payload, new Route(3, "gw-c", 7), NOW),
            v2.seal(new byte[0], new Route(Route.MAX_EPOCH, "gw-b", 0), NOW),
            v1.seal(payload, NOW),
        };
    }

    /** Writes {@link #seeds} into the directory given as the argument. */
    public static void main(String[] args) throws java.io.IOException {
        byte[][] s = seeds();
        for (int i = 0; i < s.length; i++) {
            java.nio.file.Files.write(java.nio.file.Path.of(args[0], "seed-" + i), s[i]);
        }
    }

    @AfterAll
    static void report() {
        System.out.printf("envelope fuzz (Jazzer): %d inputs tried, %d opened%n", TRIED.get(), OPENED.get());
        if (System.getenv("JAZZER_FUZZ") == null && OPENED.get() < 3) {
            throw new AssertionError("the three seeds for gw-b and for anyone must open, opened " + OPENED.get());
        }
    }
}
