package dev.wren.gossip.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.wren.gossip.internal.GossipConfig;
import dev.wren.peer.Member.Status;
import dev.wren.peer.PeerDirectory;

/**
 * A simulated hour of N nodes (default 100, LAN profile) at 10 % loss: every 2 minutes one node
 * crashes and comes back 1 minute later (a restart: incarnation 0, it refutes). Prints the time
 * from crash to the first DEAD declaration and to every node seeing it DEAD, and deaths declared
 * about nodes that were running (false deaths; goal 0).
 *
 * <pre>
 * mvn -q -pl bundles/gossip test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.wren.gossip.sim.FailureDetectionBenchmark [-Dnodes=100] [-Dloss=0.1] [-Dminutes=60]
 * </pre>
 */
public final class FailureDetectionBenchmark {

    private FailureDetectionBenchmark() {
    }

    public static void main(String[] args) {
        int n = Integer.getInteger("nodes", 100);
        double loss = Double.parseDouble(System.getProperty("loss", "0.1"));
        int minutes = Integer.getInteger("minutes", 60);
        long wall = System.nanoTime();
        Simulation sim = new Simulation(11, GossipConfig.lan());
        sim.network.loss(loss);
        Simulation.FalseDeaths fd = new Simulation.FalseDeaths(sim);
        long[] crashedAt = {0};
        int[] victim = {-1};
        long[] firstDead = {-1};
        sim.listener((time, observer, topic, m) -> {
            fd.event(time, observer, topic, m);
            if (PeerDirectory.TOPIC_DEAD.equals(topic) && victim[0] >= 0 && m.id().equals(Simulation.id(victim[0]))
                    && firstDead[0] < 0) {
                firstDead[0] = time - crashedAt[0];
            }
        });
        sim.startKnown(n);
        sim.run(30_000);
        List<Double> first = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        int k = 0;
        while (sim.elapsed() < minutes * 60_000L) {
            int v = 1 + (k++ * 37) % (n - 1);
            victim[0] = v;
            firstDead[0] = -1;
            crashedAt[0] = sim.now();
            sim.crash(v);
            long allAt = -1;
            for (int s = 0; s < 600 && sim.elapsed() < minutes * 60_000L; s++) {
                sim.run(100);
                if (allAt < 0 && sim.seeing(Simulation.id(v), Status.DEAD) == n - 1) {
                    allAt = sim.now() - crashedAt[0];
                }
            }
            if (firstDead[0] >= 0) {
                first.add(firstDead[0] / 1000.0);
            }
            if (allAt >= 0) {
                all.add(allAt / 1000.0);
            }
            sim.restart(v, 3);
            victim[0] = -1;
            sim.run(60_000);
        }
        System.out.printf(Locale.ROOT, "simulated %d min of %d nodes at %.0f %% loss in %.1f s wall%n", minutes, n,
                loss * 100, (System.nanoTime() - wall) / 1e9);
        System.out.println("| nodes | loss | crashes | first DEAD (s) median (min-max) | all see DEAD (s) median (min-max) "
                + "| suspicion events | false deaths |");
        System.out.println("|---|---|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| %d | %.0f %% | %d | %s | %s | %d | %d |%n", n, loss * 100, k, stats(first),
                stats(all), fd.suspicions, fd.falseDeaths);
    }

    static String stats(List<Double> l) {
        if (l.isEmpty()) {
            return "-";
        }
        Collections.sort(l);
        return String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", l.get(l.size() / 2), l.get(0), l.get(l.size() - 1));
    }
}
