package dev.wren.itests.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.wren.store.testing.SequenceChecker;
import dev.wren.uplink.testing.Mosquitto;
import dev.wren.uplink.testing.Subscriber;

/**
 * Kills the store-and-forward process ({@link CrashLoopGateway}) with SIGKILL at random moments
 * while it enqueues and drains, restarts it on the same data directory, and at the end drains
 * what is left and compares what the cloud (a subscriber on a real mosquitto) received with what
 * the outbox acknowledged, and checks the id sequence with the consumer's {@link SequenceChecker}
 * (fed every message the subscriber got, gap reports included).
 */
final class CrashLoop {

    static final String GATEWAY = "crash-gw";

    /**
     * @param acked      messages whose put returned (the parent read their line)
     * @param lost       acknowledged messages that never reached the broker: must be 0
     * @param duplicates deliveries beyond the first of an id
     * @param sequence   the consumer's view of the sequence: its {@code missing} must be 0
     */
    record Result(int cycles, int acked, int received, int lost, int duplicates, List<Long> lostIds, double seconds,
            SequenceChecker.Verdict sequence) {

        double duplicatesPerCrash() {
            return cycles == 0 ? 0 : (double) duplicates / cycles;
        }
    }

    private final Path work;
    private final Random random;
    private final PrintStream log;
    private final List<String> command = new ArrayList<>();

    CrashLoop(Path work, long seed, PrintStream log) throws IOException {
        this.work = work;
        this.random = new Random(seed);
        this.log = log;
        Path target = Files.isDirectory(Path.of("target/test-classes")) ? Path.of("target")
                : Path.of("itests/process/target");
        String cp = Files.readString(target.resolve("child-classpath.txt")).trim() + java.io.File.pathSeparator
                + target.resolve("test-classes").toAbsolutePath();
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp,
                CrashLoopGateway.class.getName()));
    }

    Result run(int cycles, int minLiveMs, int maxLiveMs) throws Exception {
        long t0 = System.nanoTime();
        Set<Long> acked = ConcurrentHashMap.newKeySet();
        Path data = Files.createDirectories(work.resolve("gateway"));
        try (Mosquitto broker = Mosquitto.in(work.resolve("broker")).build().start();
                Subscriber cloud = Subscriber.connect(broker, "cloud", false, "wren/" + GATEWAY + "/crash/#",
                        "wren/" + GATEWAY + "/" + SequenceChecker.GAPS)) {
            for (int c = 0; c < cycles; c++) {
                Process p = start(data, broker, 2, acked, null);
                Thread.sleep(minLiveMs + random.nextInt(Math.max(1, maxLiveMs - minLiveMs)));
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                if ((c + 1) % 25 == 0) {
                    log.printf("  %d kills, %d acknowledged, %d received%n", c + 1, acked.size(), cloud.count());
                }
            }
            CountDownLatch empty = new CountDownLatch(1);
            Process drain = start(data, broker, 0, acked, empty);
            if (!empty.await(120, TimeUnit.SECONDS)) {
                drain.destroyForcibly();
                throw new AssertionError("the outbox did not drain within 120 s");
            }
            drain.waitFor(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!cloud.distinctIds().containsAll(acked) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Set<Long> got = new HashSet<>(cloud.distinctIds());
            List<Long> lost = acked.stream().filter(id -> !got.contains(id)).sorted().toList();
            long[] all = cloud.ids();
            SequenceChecker sequence = new SequenceChecker();
            for (Subscriber.Received r : cloud.received()) {
                sequence.message(r.topic(), r.payload());
            }
            return new Result(cycles, acked.size(), got.size(), lost.size(), all.length - got.size(),
                    lost.subList(0, Math.min(20, lost.size())), (System.nanoTime() - t0) / 1e9, sequence.verdict());
        }
    }

    private Process start(Path data, Mosquitto broker, int producers, Set<Long> acked, CountDownLatch empty)
            throws Exception {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of(data.toString(), broker.url(), GATEWAY, Integer.toString(producers)));
        Process p = new ProcessBuilder(cmd).redirectError(work.resolve("gateway.err").toFile()).start();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("A ")) {
                        acked.add(Long.parseLong(line.substring(2)));
                    } else if (line.equals("STARTED")) {
                        started.countDown();
                    } else if (line.equals("EMPTY") && empty != null) {
                        empty.countDown();
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the process was killed mid-line: that line's message was never reported acknowledged
            }
        }, "crash-loop-reader");
        reader.setDaemon(true);
        reader.start();
        if (!started.await(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the gateway process did not start; see " + work.resolve("gateway.err"));
        }
        return p;
    }
}
