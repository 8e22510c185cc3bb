package dev.wren.store.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.store.Stored;
import dev.wren.store.testing.SequenceChecker;

/**
 * One damage case on real Derby files: an outbox accepts half of {@code messages} and stops
 * cleanly (a checkpoint), then accepts the other half from 8 producers, the cloud acknowledges a
 * fifth of them, and the directory is copied as it is at that moment (what a killed process
 * leaves: everything written, nothing more); the copy is damaged, opened, drained, and what came
 * back, what was reported lost and what is silently missing are counted.
 */
final class DamageScenario {

    /** A way to damage the crash image of an outbox directory. */
    interface Damage {
        void apply(Path outboxDir, Random random) throws IOException;
    }

    /**
     * @param committed   messages accepted and not acknowledged before the damage
     * @param sinceCheckpoint of those, how many were accepted after the last checkpoint
     * @param actualLost  of those, how many did not come back
     * @param reportedLost ids reported lost (ERROR, event, gaps message)
     * @param silent      ids the sequence checker finds neither delivered nor reported
     * @param reports     what the outbox said while opening the damaged copy
     * @param nextContiguous the first id after the damage continues the sequence
     */
    record Result(int committed, long sinceCheckpoint, long actualLost, long reportedLost, long silent,
            boolean lossEvent, List<String> reports, boolean nextContiguous) {
    }

    private DamageScenario() {
    }

    static Result run(Path work, int messages, Damage damage, long seed) throws Exception {
        Path live = work.resolve("live");
        Path crash = work.resolve("crash");
        SequenceChecker cloud = new SequenceChecker();
        Set<Long> held = Collections.synchronizedSet(new HashSet<>());
        long high;
        long checkpoint;
        try (DerbyOutbox outbox = DerbyOutbox.open(live, OutboxLimits.DEFAULTS)) {
            produce(outbox, 0, messages / 2, held);
            checkpoint = outbox.put(new Message("d/first", "{}".getBytes(StandardCharsets.UTF_8), 5));
            held.add(checkpoint);
        }
        try (DerbyOutbox outbox = DerbyOutbox.open(live, OutboxLimits.DEFAULTS)) {
            produce(outbox, messages / 2, messages, held);
            List<Stored> sent = outbox.take(messages / 5, 5, TimeUnit.SECONDS);
            for (Stored s : sent) {
                outbox.acknowledge(s.id());
                cloud.message("wren/gw/" + s.message().channel(), wire(s));
                held.remove(s.id());
            }
            high = outbox.put(new Message("d/last", "{}".getBytes(StandardCharsets.UTF_8), 5));
            held.add(high);
            copy(live, crash);
        }
        return reopen(crash, damage, seed, cloud, held, high, checkpoint);
    }

    private static void produce(DerbyOutbox outbox, int from, int to, Set<Long> held) throws InterruptedException {
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int me = t;
            Thread th = new Thread(() -> {
                for (int i = from + me; i < to; i += 8) {
                    try {
                        held.add(outbox.put(new Message("d/p" + me, ("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(80)
                                + "\"}").getBytes(StandardCharsets.UTF_8), 3 + me % 3)));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
            });
            th.start();
            producers.add(th);
        }
        for (Thread th : producers) {
            th.join();
        }
    }

    private static Result reopen(Path crash, Damage damage, long seed, SequenceChecker cloud, Set<Long> held, long high,
            long checkpoint) throws Exception {
        damage.apply(crash, new Random(seed));
        List<String> said = Collections.synchronizedList(new ArrayList<>());
        boolean[] event = {false};
        Set<Long> back = new HashSet<>();
        boolean contiguous;
        try (DerbyOutbox outbox = DerbyOutbox.open(crash, OutboxLimits.DEFAULTS, (kind, message, properties) -> {
            said.add(kind + " " + message);
            event[0] |= kind == Reports.Kind.LOST && properties.containsKey(Outbox.EVENT_IDS);
        }, DerbyOutbox.RESERVE_BYTES)) {
            long next = outbox.put(new Message("d/after", "{}".getBytes(StandardCharsets.UTF_8), 5));
            contiguous = next == high + 1 || said.stream().anyMatch(s -> s.startsWith("LOST"));
            List<Stored> got;
            while (!(got = outbox.take(500, 1, TimeUnit.SECONDS)).isEmpty()) {
                for (Stored s : got) {
                    cloud.message("wren/gw/" + s.message().channel(), wire(s));
                    back.add(s.id());
                    outbox.acknowledge(s.id());
                }
            }
        }
        long actualLost = held.stream().filter(id -> !back.contains(id)).count();
        SequenceChecker.Verdict v = cloud.verdict();
        return new Result(held.size(), held.stream().filter(id -> id > checkpoint).count(), actualLost, v.lost(),
                v.missing(), event[0], List.copyOf(said), contiguous);
    }

    /** The payload as the uplink sends it: the id first. */
    static byte[] wire(Stored s) {
        String p = new String(s.message().payload(), StandardCharsets.UTF_8).trim();
        return ("{\"id\":" + s.id() + ",\"ts\":" + s.created() + (p.equals("{}") ? "}" : "," + p.substring(1)))
                .getBytes(StandardCharsets.UTF_8);
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : all.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else if (!f.getFileName().toString().equals("reserve")) {
                    Files.copy(f, t);
                }
            }
        }
    }

    /** Derby's log files, largest first. */
    static List<Path> logFiles(Path outboxDir) throws IOException {
        return files(outboxDir.resolve("db/log"), "log", ".dat");
    }

    /** The data files of the outbox table and its index: the largest containers. */
    static List<Path> dataFiles(Path outboxDir) throws IOException {
        return files(outboxDir.resolve("db/seg0"), "c", ".dat");
    }

    private static List<Path> files(Path dir, String prefix, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(suffix))
                    .sorted(Comparator.comparingLong((Path f) -> f.toFile().length()).reversed()).toList();
        }
    }

    /** @return the length of {@code f} up to its last non-zero byte (Derby preallocates its log files) */
    static long used(Path f) throws IOException {
        byte[] all = Files.readAllBytes(f);
        int end = all.length;
        while (end > 0 && all[end - 1] == 0) {
            end--;
        }
        return end;
    }

    static void truncate(Path f, long size) throws IOException {
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(Math.min(size, r.length()));
        }
    }

    /** Overwrites {@code length} bytes with random ones at {@code places} evenly spread offsets. */
    static void overwrite(Path f, int places, int length, long within, Random random) throws IOException {
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            long span = Math.min(within, r.length()) - length;
            byte[] junk = new byte[length];
            for (int i = 0; i < places; i++) {
                random.nextBytes(junk);
                r.seek(Math.max(0, span * (i + 1) / (places + 1)));
                r.write(junk);
            }
        }
    }
}
