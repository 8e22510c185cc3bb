package dev.wren.store.internal;

import static dev.wren.store.internal.OutboxTest.msg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.wren.store.Message;
import dev.wren.store.OutboxException;
import dev.wren.store.Stored;
import dev.wren.store.testing.SequenceChecker;

/**
 * Full-disk cycles on a real 16 MiB tmpfs (needs root): each cycle another file fills the disk,
 * 300 telemetry messages and 30 alerts are put on the full disk, the file is deleted, and the time
 * until the outbox has its reserve back and accepts without evicting is taken; a drainer takes
 * and acknowledges throughout. At the end the consumer's {@link SequenceChecker} counts what was
 * neither delivered nor reported evicted (lost: goal 0) and what came twice.
 *
 * <pre>
 * mvn -q -pl bundles/store test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.wren.store.internal.DiskFullBenchmark -Ddir=target/diskfull -Dcycles=10
 * </pre>
 */
public final class DiskFullBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("dir", "target/diskfull")).toAbsolutePath();
        int cycles = Integer.getInteger("cycles", 10);
        String page = "x".repeat(4000);
        SequenceChecker cloud = new SequenceChecker();
        List<String> said = Collections.synchronizedList(new ArrayList<>());
        List<Double> recoveries = new ArrayList<>();
        long accepted = 0;
        long refused = 0;
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("small"), 16);
                DerbyOutbox outbox = DerbyOutbox.open(disk.path().resolve("outbox"),
                        new OutboxLimits(1L << 30, 10_000_000, 16_000, true),
                        (kind, message, properties) -> said.add(kind + " " + message), DerbyOutbox.RESERVE_BYTES)) {
            long[] takeFailures = {0};
            Thread drainer = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        try {
                            for (Stored s : outbox.take(50, 200, TimeUnit.MILLISECONDS)) {
                                cloud.message("wren/gw/" + s.message().channel(), DamageScenario.wire(s));
                                outbox.acknowledge(s.id());
                            }
                        } catch (OutboxException e) {
                            takeFailures[0]++;
                            System.out.println("  take failed, the drainer tries again (as the uplink does): " + e.getMessage());
                        }
                        Thread.sleep(20);
                    }
                } catch (InterruptedException e) {
                    // done
                }
            });
            drainer.start();
            for (int c = 0; c < cycles; c++) {
                disk.fill("filler");
                for (int i = 0; i < 330; i++) {
                    try {
                        outbox.put(msg(i < 300 ? "t" : "alert", i < 300 ? Message.TELEMETRY : Message.ALERT, c + "-" + i + page));
                        accepted++;
                    } catch (OutboxException e) {
                        if (refused++ == 0) {
                            System.out.println("  first refusal: " + e.getMessage());
                        }
                    }
                }
                int before = (int) said.stream().filter(s -> s.startsWith("RECOVERED Outbox disk has room")).count();
                long t0 = System.nanoTime();
                disk.free("filler");
                while (said.stream().filter(s -> s.startsWith("RECOVERED Outbox disk has room")).count() == before) {
                    try {
                        outbox.put(msg("t", Message.TELEMETRY, "after" + page));
                        accepted++;
                    } catch (OutboxException e) {
                        refused++;
                        System.out.println("  refused while the space returns: " + e.getMessage());
                    }
                    Thread.sleep(10);
                }
                recoveries.add((System.nanoTime() - t0) / 1e6);
                System.out.printf("cycle %d: accepted %d, refused %d, evicted %d, room again after %.0f ms%n", c + 1,
                        accepted, refused, outbox.stats().evicted(), recoveries.get(c));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((outbox.stats().stored() > 0 || cloud.verdict().evicted() < outbox.stats().evicted())
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            drainer.interrupt();
            drainer.join();
            SequenceChecker.Verdict v = cloud.verdict();
            double[] r = recoveries.stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf("disk full: %d cycles, %d puts accepted, %d refused, %d evicted and reported %d;"
                    + " lost %d (neither delivered nor reported), duplicates %d; space freed -> accepting without"
                    + " eviction: median %.0f ms, max %.0f ms; DISK_FULL reports %d; takes that failed %d%n", cycles,
                    accepted, refused,
                    outbox.stats().evicted(), v.evicted(), v.missing(), v.duplicates(), EnqueueBenchmark.median(r),
                    java.util.Arrays.stream(r).max().orElse(0),
                    said.stream().filter(s -> s.startsWith("DISK_FULL")).count(), takeFailures[0]);
        }
    }
}
