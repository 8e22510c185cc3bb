package dev.wren.gossip.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.wren.gossip.internal.GossipConfig;
import dev.wren.gossip.internal.Node;
import dev.wren.peer.Member;

class ConvergenceTest {

    @Test
    void joinersThroughOneSeedLearnEveryMemberAndEveryState() {
        Simulation sim = new Simulation(1, GossipConfig.lan());
        sim.network.loss(0.01);
        sim.start(1, 0);
        for (int i = 1; i < 60; i++) {
            sim.start(1, 1);
            sim.run(200);
        }
        for (int i = 0; i < sim.size(); i++) {
            int k = i;
            sim.act(i, n -> n.publish("mode", k % 3 == 0 ? "DEGRADED" : "FULL", sim.now()));
            sim.act(i, n -> n.publish("load", "0." + k, sim.now()));
        }
        long t = waitFor(sim, 120_000, () -> sim.converged() && statesConverged(sim));
        System.out.printf("60 nodes: membership and state converged %.1f s after the last join%n", t / 1000.0);
        Node last = sim.node(59);
        assertEquals("0.7", last.member("gw-7").orElseThrow().state().get("load"));
        sim.act(7, n -> n.remove("load", sim.now()));
        waitFor(sim, 60_000, () -> sim.node(42).member("gw-7").orElseThrow().state().get("load") == null);
        assertEquals("FULL", sim.node(42).member("gw-7").orElseThrow().state().get("mode"));
    }

    static boolean statesConverged(Simulation sim) {
        for (int i = 0; i < sim.size(); i++) {
            long v = sim.node(i).self().stateVersion();
            for (int j = 0; j < sim.size(); j++) {
                if (sim.node(j).stateVersion(Simulation.id(i)) != v) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Runs in steps of 100 ms until the condition holds; @return the simulated ms it took */
    static long waitFor(Simulation sim, long max, java.util.function.BooleanSupplier done) {
        long start = sim.elapsed();
        while (!done.getAsBoolean()) {
            assertTrue(sim.elapsed() - start < max, "not within " + max + " ms");
            sim.run(100);
        }
        return sim.elapsed() - start;
    }

    @Test
    void aStaticallyKnownClusterStaysAliveAndQuiet() {
        Simulation sim = new Simulation(2, GossipConfig.lan());
        sim.startKnown(30);
        Simulation.FalseDeaths d = new Simulation.FalseDeaths(sim);
        sim.listener(d);
        sim.run(120_000);
        assertTrue(sim.converged());
        assertEquals(0, d.suspicions);
        assertEquals(Member.Status.ALIVE, sim.node(3).status("gw-4"));
    }
}
