package dev.wren.store.internal;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import dev.wren.store.Message;

/**
 * Durable enqueue, side by side in one run: the data directory's raw fsync rate (append 120 bytes
 * + force), the outbox with 1 producer, and with 8 concurrent producers; medians of {@code runs}
 * rounds of {@code seconds} each, interleaved so a noisy moment hits all three alike.
 *
 * <pre>
 * mvn -q -pl bundles/store test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.wren.store.internal.EnqueueBenchmark -Ddir=target/bench -Druns=5 -Dseconds=5
 * </pre>
 */
public final class EnqueueBenchmark {

    private static final byte[] PAYLOAD = ("{\"sensor\":\"air\",\"quantity\":\"temperature\",\"value\":21.43,"
            + "\"unit\":\"degC\",\"timestamp\":1763798400000}").getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("dir", "target/bench"));
        int runs = Integer.getInteger("runs", 5);
        double seconds = Double.parseDouble(System.getProperty("seconds", "5"));
        int many = Integer.getInteger("producers", 8);
        Files.createDirectories(dir);
        double[][] rates = new double[3][runs];
        for (int r = 0; r < runs; r++) {
            rates[0][r] = rawFsync(dir, seconds);
            rates[1][r] = outbox(dir.resolve("outbox-" + r + "-1"), 1, seconds);
            rates[2][r] = outbox(dir.resolve("outbox-" + r + "-" + many), many, seconds);
            System.out.printf("run %d: raw fsync %.0f/s, 1 producer %.0f msg/s, %d producers %.0f msg/s%n",
                    r + 1, rates[0][r], rates[1][r], many, rates[2][r]);
        }
        double raw = median(rates[0]);
        double one = median(rates[1]);
        double multi = median(rates[2]);
        footprint(dir.resolve("footprint"), Integer.getInteger("footprint", 100_000));
        System.out.printf("median: raw fsync %.0f/s | outbox 1 producer %.0f msg/s (%.2f x raw) | "
                + "%d producers %.0f msg/s (%.2f x 1 producer)%n", raw, one, one / raw, many, multi, multi / one);
    }

    static double rawFsync(Path dir, double seconds) throws Exception {
        Path f = dir.resolve("fsync.bin");
        ByteBuffer b = ByteBuffer.wrap(PAYLOAD);
        long n = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (System.nanoTime() < end) {
                b.rewind();
                ch.write(b);
                ch.force(false);
                n++;
            }
        }
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        Files.delete(f);
        return rate;
    }

    static double outbox(Path dir, int producers, double seconds) throws Exception {
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS)) {
            for (int i = 0; i < 200; i++) {
                outbox.put(new Message("warmup", PAYLOAD, Message.TELEMETRY));
            }
            LongAdder done = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                Message m = new Message("air/p" + p, PAYLOAD, Message.TELEMETRY);
                Thread t = new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            outbox.put(m);
                            done.increment();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                threads.add(t);
            }
            long t0 = System.nanoTime();
            threads.forEach(Thread::start);
            Thread.sleep((long) (seconds * 1000));
            stop.set(true);
            long n = done.sum();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            for (Thread t : threads) {
                t.join();
            }
            System.out.printf("  %d producers: %d commits, %.1f messages per commit%n", producers,
                    outbox.commits(), (double) outbox.stats().accepted() / outbox.commits());
            return n / elapsed;
        }
    }

    /** Disk use per stored message: {@code n} messages of the benchmark's payload in a new database, then the files measured. */
    static void footprint(Path dir, int n) throws Exception {
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
        try (DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS)) {
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < 8; p++) {
                Message m = new Message("air/p" + p, PAYLOAD, Message.TELEMETRY);
                Thread t = new Thread(() -> {
                    try {
                        for (int i = 0; i < n / 8; i++) {
                            outbox.put(m);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        long data = size(dir.resolve("db/seg0"));
        long all = size(dir);
        long stored = n / 8 * 8;
        System.out.printf("footprint: %d messages of %d payload bytes: tables %.1f MB (%.0f B/message),"
                + " whole directory with Derby's log %.1f MB (%.0f B/message)%n", stored, PAYLOAD.length,
                data / 1e6, (double) data / stored, all / 1e6, (double) all / stored);
    }

    private static long size(Path p) throws Exception {
        try (var files = Files.walk(p)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
