package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.store.testing.SequenceChecker;

/**
 * The uplink relay between three real gateways (the short version of {@code RelayBenchmark}): the
 * WAN link of two is cut; once their relay's {@code after.s} has passed, their outboxes reach the
 * cloud through the third, under their own gateway ids and message ids; the third is SIGKILLed
 * while they hand over and started again; when the links return, the cloud holds every message
 * each gateway accepted, without a silent gap.
 */
class RelayIT {

    @TempDir
    Path dir;

    @Test
    void twoCutOffGatewaysReachTheCloudThroughTheThirdAndLoseNothingWhenItIsKilledMidTransfer() throws Exception {
        try (Site site = new Site(dir, 5, 500)) {
            site.awaitReady();
            site.cut();
            long cutA = site.received("gw-a");
            long cutB = site.received("gw-b");
            long distinctA = site.distinct("gw-a");
            long distinctB = site.distinct("gw-b");
            site.gateway(0).awaitLine("handing the outbox over to gw-c", Duration.ofSeconds(60));
            site.gateway(1).awaitLine("handing the outbox over to gw-c", Duration.ofSeconds(60));
            awaitMore(site, "gw-a", cutA + 20);
            site.killAndRestartC();
            site.gateway(2).awaitLine("Uplink connected to", Site.START);
            long before = site.received("gw-a");
            awaitMore(site, "gw-a", before + 20);
            awaitMore(site, "gw-b", cutB + 40);
            long relayedA = site.received("gw-a") - cutA;
            long relayedB = site.received("gw-b") - cutB;
            // a message the relaying gateway published again after its SIGKILL arrives twice under one id
            long newIds = site.distinct("gw-a") - distinctA + site.distinct("gw-b") - distinctB;
            long[] accepted = {site.accepted(0), site.accepted(1), site.accepted(2)};
            site.restore();
            for (int i = 0; i < Site.IDS.length; i++) {
                assertTrue(site.awaitComplete(Site.IDS[i], accepted[i], Duration.ofSeconds(120)) >= 0,
                        describe(site, Site.IDS[i]));
            }
            // gw-c reports the ids it gave to relayed messages with its gap reports, the last ones at its next round
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (site.verdict("gw-c").relayed() < newIds && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(site.verdict("gw-c").relayed() >= newIds, "gw-c reported the ids it gave to relayed messages: "
                    + site.verdict("gw-c") + ", new ids of gw-a and gw-b at the cloud " + newIds + " (" + relayedA + " and "
                    + relayedB + " messages)");
            System.out.printf("relay: while cut off, gw-a %d and gw-b %d messages reached the cloud through gw-c "
                    + "(killed and restarted in between); afterwards none missing, duplicates gw-a %d, gw-b %d%n",
                    relayedA, relayedB, site.verdict("gw-a").duplicates(), site.verdict("gw-b").duplicates());
        }
    }

    private static void awaitMore(Site site, String id, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (site.received(id) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + ": " + site.received(id) + " messages at the cloud, waited for " + count
                        + "; gw-a's output:\n" + String.join("\n", site.gateway(0).output()));
            }
            Thread.sleep(100);
        }
    }

    private static String describe(Site site, String id) {
        SequenceChecker.Verdict v = site.verdict(id);
        return id + ": " + v + " gaps " + v.describeGaps();
    }
}
