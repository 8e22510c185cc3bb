package dev.wren.gossip.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Mutations of valid inputs for fuzzing: bit flips, byte sets, truncation, splices, varint corruption. */
final class Mutator {

    private final SplittableRandom r;

    Mutator(long seed) {
        r = new SplittableRandom(seed);
    }

    byte[] mutate(byte[] valid, byte[] other) {
        byte[] b = valid.clone();
        int rounds = 1 + r.nextInt(4);
        for (int i = 0; i < rounds && b.length > 0; i++) {
            switch (r.nextInt(7)) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length));
                case 3 -> {
                    int at = r.nextInt(b.length);
                    int from = r.nextInt(other.length);
                    int len = r.nextInt(Math.min(64, other.length - from) + 1);
                    byte[] s = new byte[at + len + (b.length - at)];
                    System.arraycopy(b, 0, s, 0, at);
                    System.arraycopy(other, from, s, at, len);
                    System.arraycopy(b, at, s, at + len, b.length - at);
                    b = s;
                }
                case 4 -> {
                    int at = r.nextInt(b.length);
                    b[at] = (byte) (0x80 | r.nextInt(128));
                    if (at + 1 < b.length) {
                        b[at + 1] = (byte) 0xFF;
                    }
                }
                case 5 -> b = Arrays.copyOf(b, b.length + 1 + r.nextInt(16));
                default -> {
                    byte[] g = new byte[r.nextInt(1300)];
                    r.nextBytes(g);
                    b = g;
                }
            }
        }
        return b;
    }
}
