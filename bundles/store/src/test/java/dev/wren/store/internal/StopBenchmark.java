package dev.wren.store.internal;

import static dev.wren.store.internal.OutboxTest.msg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.wren.store.Stored;

/**
 * The store's part of an orderly stop: an outbox holding {@code messages}, of which
 * {@code acked} were just acknowledged (their rows not yet deleted), is closed; the time to
 * close (delete the acknowledged rows, checkpoint, new journal, Derby shut down) is measured,
 * and the reopened outbox must hold exactly the rest, with no {@code db.lck} left. Medians of
 * {@code runs}.
 *
 * <pre>
 * mvn -q -pl bundles/store test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.wren.store.internal.StopBenchmark -Ddir=target/stop -Druns=5
 * </pre>
 */
public final class StopBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("dir", "target/stop"));
        int runs = Integer.getInteger("runs", 5);
        int messages = Integer.getInteger("messages", 5000);
        int acked = Integer.getInteger("acked", 2000);
        double[] ms = new double[runs];
        for (int r = 0; r < runs; r++) {
            Path d = dir.resolve("run-" + r);
            Salvage.delete(d);
            DerbyOutbox outbox = DerbyOutbox.open(d, OutboxLimits.DEFAULTS);
            for (int i = 0; i < messages; i++) {
                outbox.put(msg("a", 5, "m" + i));
            }
            int n = 0;
            while (n < acked) {
                List<Stored> got = outbox.take(acked - n, 1, TimeUnit.SECONDS);
                for (Stored s : got) {
                    outbox.acknowledge(s.id());
                }
                n += got.size();
            }
            long t0 = System.nanoTime();
            outbox.close();
            ms[r] = (System.nanoTime() - t0) / 1e6;
            boolean lock = Files.exists(d.resolve("db/db.lck"));
            try (DerbyOutbox again = DerbyOutbox.open(d, OutboxLimits.DEFAULTS)) {
                System.out.printf("run %d: close %.0f ms with %d acknowledged rows to delete; db.lck left: %s;"
                        + " held after reopening %d (expected %d)%n", r + 1, ms[r], acked, lock,
                        again.stats().stored(), messages - acked);
            }
            Salvage.delete(d);
        }
        System.out.printf("median close %.0f ms%n", EnqueueBenchmark.median(ms));
    }
}
