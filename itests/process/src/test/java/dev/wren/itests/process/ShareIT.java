package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work sharing between two real gateways (the short version of {@code ShareBenchmark}): {@code gw-a}
 * in MINIMAL, its machine with a bearing fault, sends its vibration features to {@code gw-b} in FULL;
 * its insights name {@code gw-b}, the network's share of the latency and the fault, which its trigger
 * alone cannot name; {@code gw-b} is SIGKILLed and {@code gw-a}'s own trigger
 * takes over, without a gap in its insights.
 */
class ShareIT {

    @TempDir
    Path dir;

    @Test
    void aMinimalGatewayIsServedByItsFullPeerAndFallsBackToItsOwnTriggerWhenThePeerDies() throws Exception {
        try (SharingSite site = new SharingSite(dir, true)) {
            site.awaitReady();
            site.machine("bearing-fault");
            site.gateway(0).awaitLine("Work sharing: sending features to gw-b", Duration.ofSeconds(60));
            List<SharingSite.Received> served = awaitServed(site, 8);
            for (SharingSite.Received r : served) {
                assertTrue(Set.of("vibration-trigger", "vibration-classifier").contains(r.model()), r.toString());
                assertTrue(r.infer() > 0, "the peer's inference time: " + r);
            }
            SharingSite.Received classified = served.get(served.size() - 1);
            assertEquals("bearing_fault", classified.label(), "gw-b's classifier named the condition: " + classified);
            assertEquals("vibration-classifier", classified.model());
            assertTrue(site.metric(0, "wren_peer_channel_calls_out") >= 8, "gw-a's channel metrics count the calls");
            assertTrue(site.metric(1, "wren_peer_channel_calls_in") >= 8, "gw-b's count them too");
            int before = site.insights().size();
            site.gateway(1).kill();
            List<SharingSite.Received> after = site.awaitInsights(before + 6, Duration.ofSeconds(120));
            SharingSite.Received last = after.get(after.size() - 1);
            assertNull(last.servedBy(), "gw-a's own trigger decides: " + last);
            assertEquals("vibration-trigger", last.model());
            assertEquals("unusual", last.label(), "the trigger alone tells an unusual window, not which fault");
            System.out.printf("sharing: %d insights of gw-a served by gw-b, then %d by its own trigger after gw-b was "
                    + "killed%n", served.size(), after.size() - before);
        }
    }

    private static List<SharingSite.Received> awaitServed(SharingSite site, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            List<SharingSite.Received> served = site.insights().stream().filter(r -> "gw-b".equals(r.servedBy())).toList();
            if (served.size() >= n) {
                return served;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(served.size() + " insights served by gw-b; all: " + site.insights()
                        + "\ngw-a's output:\n" + String.join("\n", site.gateway(0).output()));
            }
            Thread.sleep(100);
        }
    }
}
