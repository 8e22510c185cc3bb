package dev.wren.itests.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import dev.wren.store.testing.SequenceChecker;

/**
 * The uplink relay on a site of three real gateways ({@link Site}: launcher flags, shipped
 * configuration, a real mosquitto), side by side with its baseline, in one run: the WAN link of
 * {@code gw-a} and {@code gw-b} is cut for {@code outage.s} while they sample, then restored.
 * <ol>
 * <li>baseline: handing over off ({@code enabled=false}): their messages wait in their outboxes;</li>
 * <li>relay: handing over after {@code after.s};</li>
 * <li>relay, with {@code gw-c} SIGKILLed half-way through the outage and started again.</li>
 * </ol>
 * For each: messages the two accepted while cut off, how many reached the cloud before the link
 * returned, the time from the link's return until the cloud held every one of them (and every one of
 * {@code gw-c}'s), messages missing (silent gaps in a gateway's id sequence) and duplicates.
 * {@code ./wren bench RelayBenchmark -Dwren.home=$PWD -Doutage.s=300 -Dafter.s=30 -Dsample.ms=1000}
 */
public final class RelayBenchmark {

    public static void main(String[] args) throws Exception {
        int outage = Integer.getInteger("outage.s", 300);
        int after = Integer.getInteger("after.s", 30);
        long sample = Long.getLong("sample.ms", 1000);
        System.out.printf(Locale.ROOT, "outage %d s, relay after %d s, readings every %d ms per sensor; %d cores, java %s%n",
                outage, after, sample, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("run        accepted-cut  at-cloud-during-cut  arrived-all-after-restore  missing  duplicates");
        run("baseline", -1, outage, sample, false);
        run("relay", after, outage, sample, false);
        run("relay+kill", after, outage, sample, true);
    }

    private static void run(String name, int after, int outage, long sample, boolean kill) throws Exception {
        Path dir = Files.createTempDirectory("wren-relay-bench");
        try (Site site = new Site(dir, after, sample)) {
            site.awaitReady();
            Thread.sleep(5_000);
            long[] before = {site.accepted(0), site.accepted(1)};
            long[] arrivedBefore = {site.received("gw-a"), site.received("gw-b")};
            site.cut();
            if (kill) {
                Thread.sleep(outage * 500L);
                site.killAndRestartC();
                Thread.sleep(outage * 500L);
            } else {
                Thread.sleep(outage * 1000L);
            }
            long[] accepted = {site.accepted(0), site.accepted(1), site.accepted(2)};
            long cutAccepted = accepted[0] - before[0] + accepted[1] - before[1];
            long duringCut = site.received("gw-a") - arrivedBefore[0] + site.received("gw-b") - arrivedBefore[1];
            site.restore();
            long worst = 0;
            for (int i = 0; i < 3; i++) {
                long t = site.awaitComplete(Site.IDS[i], accepted[i], Duration.ofSeconds(600));
                worst = t < 0 || worst < 0 ? -1 : Math.max(worst, t);
            }
            long missing = 0;
            long duplicates = 0;
            for (String id : Site.IDS) {
                SequenceChecker.Verdict v = site.verdict(id);
                missing += v.missing();
                duplicates += v.duplicates();
            }
            System.out.printf(Locale.ROOT, "%-10s %12d  %19d  %25s  %7d  %10d%n", name, cutAccepted, duringCut,
                    worst < 0 ? "not within 600 s" : String.format(Locale.ROOT, "%.1f s", worst / 1e9), missing, duplicates);
        }
    }
}
