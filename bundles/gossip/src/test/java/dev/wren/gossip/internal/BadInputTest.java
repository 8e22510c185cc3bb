package dev.wren.gossip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.wren.gossip.internal.crypto.AesGcmEnvelope;
import dev.wren.gossip.internal.crypto.Envelope;
import dev.wren.gossip.internal.crypto.Keyring;
import dev.wren.gossip.internal.crypto.Route;
import dev.wren.gossip.internal.wire.Codec;
import dev.wren.gossip.internal.wire.DecodeException;
import dev.wren.gossip.internal.wire.Drop;
import dev.wren.gossip.internal.wire.Message;
import dev.wren.gossip.internal.wire.Update;
import dev.wren.peer.Member;

/**
 * Hostile input: the decoder never throws anything but {@link DecodeException}, and a node fed
 * garbage, truncated, oversized, other-cluster, unknown-key and replayed packets drops and counts
 * them all and changes nothing.
 */
class BadInputTest {

    static final long NOW = 1_763_798_400_000L;
    static final byte[] KEY = new byte[16];
    static final Route TO_GW1 = new Route(1, "gw-1", 0);

    static final class Recorder implements Output {
        final List<byte[]> sent = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void send(String address, byte[] packet) {
            sent.add(packet);
        }

        @Override
        public void event(String topic, Member member, List<String> keys) {
            events.add(topic + " " + member.id());
        }
    }

    static Node node(String id, Envelope e, Recorder out) {
        return new Node(id, id + ":1", 1, GossipConfig.lan(), e, new SplittableRandom(1), out, NOW);
    }

    static List<byte[]> validPayloads() {
        List<byte[]> l = new ArrayList<>();
        for (Message m : dev.wren.gossip.internal.wire.CodecTestData.MESSAGES) {
            l.add(Codec.encode("gw-x", m, dev.wren.gossip.internal.wire.CodecTestData.UPDATES));
        }
        return l;
    }

    @Test
    void theDecoderThrowsOnlyDecodeExceptions() {
        List<byte[]> valid = validPayloads();
        Mutator mutator = new Mutator(42);
        int tried = 0;
        int decoded = 0;
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end || tried < 100_000) {
            byte[] in = mutator.mutate(valid.get(tried % valid.size()), valid.get((tried * 7 + 3) % valid.size()));
            tried++;
            try {
                Codec.decode(in, 0, in.length);
                decoded++;
            } catch (DecodeException e) {
                // expected
            }
        }
        System.out.printf("decoder fuzz (seeded mutations): %d inputs tried, %d decoded, none threw unchecked%n",
                tried, decoded);
        assertTrue(tried >= 100_000);
    }

    @Test
    void aNodeDropsAndCountsBadPacketsAndChangesNothing() {
        Recorder out = new Recorder();
        AesGcmEnvelope mine = new AesGcmEnvelope("site", Keyring.of(KEY), 30_000, new SplittableRandom(2), 4096);
        Node n = node("gw-1", mine, out);
        String before = n.members().toString();
        int sentBefore = out.sent.size();

        AesGcmEnvelope peer = new AesGcmEnvelope("site", Keyring.of(KEY), 30_000, new SplittableRandom(3), 4096);
        byte[] alive = Codec.encode("gw-2", new Message.Ping(1, "gw-1", false, 0),
                List.of(new Update.MemberUpdate("gw-2", "gw-2:1", Member.Status.ALIVE, 5, "")));
        byte[] good = peer.seal(alive, TO_GW1, NOW);

        n.receive(java.util.Arrays.copyOf(good, 40), "x", NOW);
        n.receive(new byte[1201], "x", NOW);
        n.receive(new AesGcmEnvelope("other", Keyring.of(KEY), 30_000, new SplittableRandom(4), 16).seal(alive, TO_GW1, NOW), "x", NOW);
        byte[] otherKey = new byte[16];
        otherKey[0] = 7;
        n.receive(new AesGcmEnvelope("site", Keyring.of(otherKey), 30_000, new SplittableRandom(5), 16).seal(alive, TO_GW1, NOW), "x", NOW);
        byte[] forged = good.clone();
        forged[30] ^= 1;
        n.receive(forged, "x", NOW);
        n.receive(peer.seal(alive, TO_GW1, NOW - 60_000), "x", NOW);
        n.receive(peer.seal(new byte[] {9, 9, 9}, TO_GW1, NOW), "x", NOW);
        Mutator mutator = new Mutator(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] m = mutator.mutate(good, alive);
            if (!java.util.Arrays.equals(m, good)) {
                n.receive(m, "x", NOW);
            }
        }
        assertEquals(before, n.members().toString());
        assertEquals(sentBefore, out.sent.size(), "a dropped packet made the node send");
        assertTrue(out.events.isEmpty());
        Counters c = n.counters();
        for (Drop d : new Drop[] {Drop.TRUNCATED, Drop.OVERSIZED, Drop.WRONG_CLUSTER, Drop.UNKNOWN_KEY, Drop.BAD_AUTH,
            Drop.STALE, Drop.MALFORMED}) {
            assertTrue(c.dropped(d) > 0, d + " not counted: " + c.drops());
        }
        assertEquals(0, c.packetsIn());

        n.receive(good, "gw-2:1", NOW);
        assertEquals(Member.Status.ALIVE, n.status("gw-2"));
        assertEquals(1, c.packetsIn());
        n.receive(good, "gw-2:1", NOW + 1_000);
        assertEquals(1, c.dropped(Drop.REPLAYED));
        assertEquals(1, c.packetsIn());
    }
}
