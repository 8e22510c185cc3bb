package dev.wren.gossip.internal.wire;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the packet decoder with Jazzer: any input must decode or fail with
 * {@link DecodeException}; anything else (an unchecked exception, an out-of-memory) is a finding.
 *
 * <p>In a normal test run (CI) it replays the seed inputs in
 * {@code src/test/resources/dev/wren/gossip/internal/wire/DecoderFuzzTestInputs/decode} and any
 * findings kept there. To fuzz, for the given duration:
 * <pre>
 * JAZZER_FUZZ=1 mvn -pl bundles/gossip test -Dtest=DecoderFuzzTest
 * </pre>
 */
class DecoderFuzzTest {

    private static final AtomicLong TRIED = new AtomicLong();

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] input) {
        TRIED.incrementAndGet();
        try {
            Packet p = Codec.decode(input, 0, input.length);
            byte[] again = Codec.encode(p.sender(), p.message(), p.updates());
            Packet q = Codec.decode(again, 0, again.length);
            if (!p.equals(q)) {
                throw new IllegalStateException("re-encoding changed the packet: " + p + " / " + q);
            }
        } catch (DecodeException e) {
            // refused: as it should be for most inputs
        }
    }

    @AfterAll
    static void report() {
        System.out.printf("decoder fuzz (Jazzer): %d inputs tried%n", TRIED.get());
    }
}
