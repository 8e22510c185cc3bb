package dev.wren.gossip.sim;

import static dev.wren.gossip.sim.ConvergenceTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.wren.gossip.internal.GossipConfig;
import dev.wren.gossip.internal.crypto.AesGcmEnvelope;
import dev.wren.gossip.internal.crypto.Keyring;
import dev.wren.gossip.internal.wire.Drop;

class KeyRotationTest {

    static byte[] key(int seed) {
        byte[] k = new byte[32];
        new SplittableRandom(seed).nextBytes(k);
        return k;
    }

    @Test
    void aClusterRotatesItsKeyOneNodeAtATimeWithoutLosingAnyone() {
        byte[] k1 = key(1);
        byte[] k2 = key(2);
        Simulation sim = new Simulation(7, GossipConfig.lan()).encrypted(i -> Keyring.of(k1));
        Simulation.FalseDeaths d = new Simulation.FalseDeaths(sim);
        sim.listener(d);
        sim.start(1, 0);
        sim.start(11, 1);
        waitFor(sim, 60_000, sim::converged);
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < sim.size(); i++) {
                int s = step;
                sim.act(i, n -> {
                    AesGcmEnvelope e = (AesGcmEnvelope) envelope(n);
                    e.keyring(s == 0 ? e.keyring().plus(k2) : s == 1 ? e.keyring().withPrimary(k2) : e.keyring().minus(k1));
                });
                sim.run(2_000);
            }
        }
        sim.act(3, n -> n.publish("mode", "FULL", sim.now()));
        sim.run(30_000);
        assertTrue(sim.converged());
        assertEquals(0, d.suspicions);
        long bad = 0;
        for (int i = 0; i < sim.size(); i++) {
            bad += sim.node(i).counters().dropped(Drop.BAD_AUTH) + sim.node(i).counters().dropped(Drop.UNKNOWN_KEY);
        }
        assertEquals(0, bad);
        assertEquals("FULL", sim.node(8).member("gw-3").orElseThrow().state().get("mode"));

        Simulation outsider = sim;
        int before = sim.node(0).presentCount();
        outsider.start(1, 1);
        sim.act(12, n -> ((AesGcmEnvelope) envelope(n)).keyring(Keyring.of(k1)));
        sim.run(20_000);
        assertEquals(before, sim.node(0).presentCount(), "an outsider with the old key got in");
        assertTrue(sim.node(0).counters().dropped(Drop.UNKNOWN_KEY) > 0);
    }

    static Object envelope(dev.wren.gossip.internal.Node n) {
        return n.envelope();
    }
}
