package dev.wren.gossip.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import dev.wren.gossip.internal.crypto.AesGcmEnvelope;
import dev.wren.gossip.internal.crypto.AesGcmEnvelopeV1;
import dev.wren.gossip.internal.crypto.Envelope;
import dev.wren.gossip.internal.crypto.Keyring;
import dev.wren.gossip.internal.crypto.Opened;
import dev.wren.gossip.internal.crypto.Route;
import dev.wren.gossip.internal.wire.Codec;
import dev.wren.gossip.internal.wire.DroppedException;
import dev.wren.gossip.internal.wire.Message;
import dev.wren.gossip.internal.wire.Packet;

/**
 * What sealing the route into every packet costs: seal + open per packet, in ns, with the wire
 * version 1 envelope (no route) and the version 2 one, and version 2 with the node's epoch
 * judgement ({@link Lives}) after opening, alternating in the same JVM, {@code -Drounds} rounds
 * (default 15) of {@code -Dpackets} packets (default 20 000) per payload size; the median round
 * and the spread. One sender, one receiver with the production nonce memory (16 384), the sender's
 * clock advancing 1 ms per packet.
 *
 * <pre>
 * MAVEN_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1" \
 *   mvn -q -pl bundles/gossip test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.wren.gossip.internal.EnvelopeBenchmark [-Drounds=15] [-Dpackets=20000]
 * </pre>
 */
public final class EnvelopeBenchmark {

    private static final long T0 = 1_763_798_400_000L;
    private static final byte[] KEY = new byte[32];
    private static long sink;

    private EnvelopeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("rounds", 15);
        int packets = Integer.getInteger("packets", 20_000);
        System.out.printf(Locale.ROOT, "%s, %s, %d rounds of %d packets%n", System.getProperty("java.vm.name"),
                Runtime.version(), rounds, packets);
        System.out.println("| payload B | v1 seal+open ns | v2 seal+open ns | v2 + epochs ns | v2 / v1 | bytes v1 -> v2 |");
        System.out.println("|---|---|---|---|---|---|");
        for (int size : new int[] {64, 512, 1100}) {
            double[][] ns = new double[3][rounds];
            for (int r = -3; r < rounds; r++) { // 3 warm-up rounds
                for (int k = 0; k < 3; k++) {
                    int which = (k + Math.max(r, 0)) % 3; // the order rotates
                    double v = switch (which) {
                        case 0 -> v1(size, packets);
                        case 1 -> v2(size, packets, false);
                        default -> v2(size, packets, true);
                    };
                    if (r >= 0) {
                        ns[which][r] = v;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %.2f | %d -> %d |%n", size, median(ns[0]),
                    median(ns[1]), median(ns[2]), med(ns[1]) / med(ns[0]), size + 43, size + Envelope.OVERHEAD);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    static double v1(int size, int packets) throws DroppedException {
        AesGcmEnvelopeV1 a = new AesGcmEnvelopeV1("site", Keyring.of(KEY), 30_000, new SplittableRandom(1), 16_384);
        AesGcmEnvelopeV1 b = new AesGcmEnvelopeV1("site", Keyring.of(KEY), 30_000, new SplittableRandom(2), 16_384);
        byte[] payload = new byte[size];
        long start = System.nanoTime();
        for (int i = 0; i < packets; i++) {
            sink += b.open(a.seal(payload, T0 + i), T0 + i).length;
        }
        return (System.nanoTime() - start) / (double) packets;
    }

    static double v2(int size, int packets, boolean judge) throws Exception {
        AesGcmEnvelope a = new AesGcmEnvelope("site", Keyring.of(KEY), 30_000, new SplittableRandom(1), 16_384);
        AesGcmEnvelope b = new AesGcmEnvelope("site", Keyring.of(KEY), 30_000, new SplittableRandom(2), 16_384);
        Lives lives = new Lives(7, T0);
        byte[] ping = Codec.encode("gw-a", new Message.Ping(1, "gw-b", false, 0), List.of());
        Packet p = Codec.decode(ping, 0, ping.length);
        byte[] payload = new byte[size];
        Route route = new Route(3, "gw-b", 7);
        long start = System.nanoTime();
        for (int i = 0; i < packets; i++) {
            Opened o = b.open(a.seal(payload, route, T0 + i), "gw-b", T0 + i);
            if (judge && lives.judge(o, p, T0 + i) != null) {
                throw new IllegalStateException("refused");
            }
            sink += o.payload().length;
        }
        return (System.nanoTime() - start) / (double) packets;
    }

    private static double med(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", s[s.length / 2], s[0], s[s.length - 1]);
    }
}
