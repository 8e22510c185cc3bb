package dev.wren.gossip.sim;

import static dev.wren.gossip.sim.ConvergenceTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.wren.gossip.internal.GossipConfig;
import dev.wren.peer.Member.Status;

class FailureTest {

    @Test
    void aCrashedNodeIsSuspectedThenDeclaredDeadByEveryone() {
        Simulation sim = new Simulation(3, GossipConfig.lan());
        sim.startKnown(50);
        sim.run(10_000);
        sim.crash(17);
        long t = waitFor(sim, 120_000, () -> sim.seeing("gw-17", Status.DEAD) == 49);
        // first probe within ~N/2 s at worst, then suspicion between 4 x log10(50) x 1 s (6.8 s) and 6x that
        System.out.printf("50 nodes: crash declared dead by all in %.1f s%n", t / 1000.0);
        assertTrue(t <= 60_000, "detected in " + t + " ms");
        assertTrue(t >= 6_000, "too fast to have waited for a suspicion: " + t + " ms");
    }

    @Test
    void aRestartedNodeRefutesItsDeathAndComesBackWithAHigherIncarnation() {
        Simulation sim = new Simulation(4, GossipConfig.lan());
        sim.startKnown(30);
        sim.act(9, n -> n.publish("models", "old", sim.now()));
        sim.run(10_000);
        sim.crash(9);
        waitFor(sim, 120_000, () -> sim.seeing("gw-9", Status.DEAD) == 29);
        long deadIncarnation = sim.node(3).member("gw-9").orElseThrow().incarnation();
        sim.restart(9, 3);
        sim.act(9, n -> n.publish("mode", "FULL", sim.now()));
        waitFor(sim, 60_000, () -> sim.seeing("gw-9", Status.ALIVE) == 30);
        waitFor(sim, 120_000, () -> sim.node(20).member("gw-9").orElseThrow().state().containsKey("mode"));
        assertTrue(sim.node(9).incarnation() > deadIncarnation);
        assertTrue(sim.node(20).member("gw-9").orElseThrow().incarnation() > deadIncarnation);
        assertEquals(null, sim.node(20).member("gw-9").orElseThrow().state().get("models"), "old life's state");
        assertTrue(sim.converged());
    }

    @Test
    void aHealedPartitionConverges() {
        Simulation sim = new Simulation(5, GossipConfig.lan());
        sim.startKnown(40);
        sim.run(5_000);
        for (int i = 0; i < 20; i++) {
            sim.network.partition(i, 1);
        }
        waitFor(sim, 180_000, () -> sim.seeing("gw-0", Status.DEAD) == 20 && sim.seeing("gw-39", Status.DEAD) == 20);
        sim.act(0, n -> n.publish("mode", "MINIMAL", sim.now()));
        sim.network.heal();
        long t = waitFor(sim, 300_000, sim::converged);
        System.out.printf("40 nodes: healed partition converged in %.1f s%n", t / 1000.0);
        waitFor(sim, 120_000, () -> "MINIMAL".equals(sim.node(39).member("gw-0").orElseThrow().state().get("mode")));
    }

    @Test
    void noFalseDeathsAtTenPercentLoss() {
        Simulation sim = new Simulation(6, GossipConfig.lan());
        sim.network.loss(0.10);
        sim.startKnown(100);
        Simulation.FalseDeaths d = new Simulation.FalseDeaths(sim);
        sim.listener(d);
        for (int minute = 0; minute < 10; minute++) {
            for (int i = 0; i < 100; i += 7) {
                int k = i;
                int m = minute;
                sim.act(i, n -> n.publish("load", k + "." + m, sim.now()));
            }
            sim.run(60_000);
        }
        System.out.printf("100 nodes, 10 min at 10 %% loss: %d suspicions, %d false deaths%n", d.suspicions, d.falseDeaths);
        assertEquals(0, d.falseDeaths);
        for (int i = 0; i < 100; i++) {
            assertEquals(100, sim.node(i).presentCount(), "members alive or suspect at node " + i);
        }
    }
}
