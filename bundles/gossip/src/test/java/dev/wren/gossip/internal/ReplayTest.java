package dev.wren.gossip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.wren.gossip.internal.crypto.AesGcmEnvelope;
import dev.wren.gossip.internal.crypto.AesGcmEnvelopeV1;
import dev.wren.gossip.internal.crypto.Keyring;
import dev.wren.gossip.internal.crypto.Route;
import dev.wren.gossip.internal.wire.Codec;
import dev.wren.gossip.internal.wire.Drop;
import dev.wren.gossip.internal.wire.Message;
import dev.wren.gossip.internal.wire.Update;
import dev.wren.peer.Member;

/**
 * A capture-and-replay attacker on the LAN against real nodes with AES-GCM ({@link Lan}): a packet
 * re-routed to another member, replayed to its receiver after the receiver restarted, or replayed
 * after its sender restarted is refused and counted by reason and changes nothing; legitimate
 * traffic after restarts of either side flows again.
 */
class ReplayTest {

    /** Three members that know each other and have talked for a while. */
    private static Lan cluster() {
        Lan lan = new Lan();
        lan.start("gw-a");
        lan.start("gw-b", "gw-a");
        lan.start("gw-c", "gw-a");
        lan.run(20_000);
        assertTrue(lan.converged(), "the three members converge");
        return lan;
    }

    private static String view(Node n) {
        return n.members().toString();
    }

    @Test
    void aPacketReRoutedToAnotherMemberIsRefusedAndCounted() {
        Lan lan = cluster();
        Node c = lan.node("gw-c");
        long in = c.counters().packetsIn();
        String before = view(c);
        for (Lan.Captured p : lan.captured) {
            if (p.to().equals(Lan.address("gw-b")) && lan.now - p.at() < 20_000 && p.at() > Lan.START) {
                lan.inject(p.packet(), "gw-c");
            }
        }
        long rerouted = c.counters().dropped(Drop.MISROUTED);
        assertTrue(rerouted > 10, "every packet for gw-b re-routed to gw-c refused: " + c.counters().drops());
        assertEquals(in, c.counters().packetsIn());
        assertEquals(before, view(c));
    }

    @Test
    void aFirstContactIsADigestAloneSoItsReplayElsewhereChangesNothing() {
        Lan lan = cluster();
        AesGcmEnvelope outsider = new AesGcmEnvelope("site", Keyring.of(Lan.KEY), 30_000, new SplittableRandom(9), 16);
        byte[] rumour = Codec.encode("gw-a", new Message.Gossip(),
                List.of(new Update.MemberUpdate("gw-b", Lan.address("gw-b"), Member.Status.DEAD, 99, "gw-a")));
        Node c = lan.node("gw-c");
        c.receive(outsider.seal(rumour, Route.anyone(1), lan.now), "x", lan.now);
        assertEquals(1, c.counters().dropped(Drop.MISROUTED));
        assertEquals(Member.Status.ALIVE, c.status("gw-b"));

        lan.start("gw-d", "gw-a");
        lan.run(10);
        Lan.Captured hello = lan.last("gw-d", "gw-a", Lan.START);
        long in = c.counters().packetsIn();
        lan.inject(hello.packet(), "gw-c");
        assertEquals(in + 1, c.counters().packetsIn(), "a digest for anyone opens anywhere, once");
        assertEquals(null, c.status("gw-d"), "and teaches nothing");
        lan.inject(hello.packet(), "gw-c");
        assertEquals(1, c.counters().dropped(Drop.REPLAYED));
    }

    @Test
    void aPacketReplayedToItsReceiverAfterItRestartedIsRefused() {
        Lan lan = cluster();
        lan.start("gw-d", "gw-b");
        lan.run(10);
        Lan.Captured firstContact = lan.last("gw-d", "gw-b", Lan.START);
        lan.run(5_000);
        Lan.Captured bound = lan.last("gw-a", "gw-b", lan.now - 5_000);
        Node old = lan.node("gw-b");
        lan.inject(bound.packet(), "gw-b");
        assertEquals(1, old.counters().dropped(Drop.REPLAYED), "the same life remembers the nonce");

        lan.run(2_000); // gw-b is down: its packets are lost
        Node b = lan.start("gw-b", "gw-a");
        assertEquals(2, b.epoch());
        String before = view(b);
        int sent = lan.captured.size();
        lan.inject(bound.packet(), "gw-b");
        assertEquals(sent + 1, lan.captured.size(), "gw-b tells the sender its new epoch at once");
        lan.inject(bound.packet(), "gw-b");
        assertEquals(1, b.counters().dropped(Drop.REPLAYED), "its nonce is remembered in this life too");
        assertEquals(sent + 1, lan.captured.size());
        lan.inject(firstContact.packet(), "gw-b");
        assertEquals(2, b.counters().dropped(Drop.STALE_RECEIVER), b.counters().drops().toString());
        assertEquals(0, b.counters().packetsIn());
        assertEquals(before, view(b));

        lan.run(20_000);
        assertTrue(lan.converged(), "legitimate traffic flows after the receiver's restart");
        assertEquals(2, lan.node("gw-a").epochOf("gw-b"));
        assertTrue(b.counters().packetsIn() > 20);
        long lost = b.counters().dropped(Drop.STALE_RECEIVER) - 2;
        assertTrue(lost <= 3 * 3, "at most a few packets per member sealed for the old life: " + lost);
    }

    @Test
    void aPacketReplayedAfterItsSenderRestartedIsRefused() {
        Lan lan = cluster();
        long since = lan.now;
        lan.holdBack(p -> p.from().equals(Lan.address("gw-a")) && p.to().equals(Lan.address("gw-c")));
        lan.run(3_000);
        Lan.Captured withheld = lan.last("gw-a", "gw-c", since);
        lan.holdBack(p -> false);

        lan.run(500); // gw-a is down
        Node a = lan.start("gw-a", "gw-b", "gw-c");
        assertEquals(2, a.epoch());
        lan.run(20_000);
        assertTrue(lan.converged(), "legitimate traffic flows after the sender's restart");
        Node c = lan.node("gw-c");
        assertEquals(2, c.epochOf("gw-a"));
        assertTrue(lan.now - withheld.at() < 30_000, "still inside the time window");

        String before = view(c);
        long in = c.counters().packetsIn();
        lan.inject(withheld.packet(), "gw-c");
        assertEquals(1, c.counters().dropped(Drop.STALE_SENDER), c.counters().drops().toString());
        assertEquals(in, c.counters().packetsIn());
        assertEquals(before, view(c));
    }

    @Test
    void bothSidesRestartedTheyTalkAgainAndOldPacketsStayRefused() {
        Lan lan = cluster();
        Lan.Captured ab = lan.last("gw-a", "gw-b", lan.now - 5_000);
        Lan.Captured ba = lan.last("gw-b", "gw-a", lan.now - 5_000);
        lan.run(1_000);
        lan.start("gw-a", "gw-c");
        lan.start("gw-b", "gw-c");
        lan.run(20_000);
        assertTrue(lan.converged());
        String[] ids = {"gw-a", "gw-b"};
        long[] stale = new long[2];
        for (int i = 0; i < 2; i++) {
            Counters k = lan.node(ids[i]).counters();
            stale[i] = k.dropped(Drop.STALE_SENDER) + k.dropped(Drop.STALE_RECEIVER);
        }
        lan.inject(ab.packet(), "gw-b");
        lan.inject(ba.packet(), "gw-a");
        for (int i = 0; i < 2; i++) {
            Counters k = lan.node(ids[i]).counters();
            assertEquals(stale[i] + 1, k.dropped(Drop.STALE_SENDER) + k.dropped(Drop.STALE_RECEIVER),
                    ids[i] + ": " + k.drops());
        }
    }

    @Test
    void anOldGatewaysPacketIsRefusedAsAnotherVersion() {
        Lan lan = cluster();
        AesGcmEnvelopeV1 old = new AesGcmEnvelopeV1("site", Keyring.of(Lan.KEY), 30_000, new SplittableRandom(5), 16);
        byte[] ping = Codec.encode("gw-old", new Message.Ping(1, "gw-a", false, 0), List.of());
        Node a = lan.node("gw-a");
        String before = view(a);
        a.receive(old.seal(ping, lan.now), "x", lan.now);
        assertEquals(1, a.counters().dropped(Drop.WRONG_VERSION));
        assertEquals(before, view(a));
    }
}
