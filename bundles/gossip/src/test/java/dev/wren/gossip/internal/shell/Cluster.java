package dev.wren.gossip.internal.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * The member processes of one {@link MembershipBenchmark} run: starts them, kills one with SIGKILL,
 * starts it again, and keeps what each says ({@link MemberLines}).
 */
final class Cluster implements AutoCloseable {

    /** One line a member said, with who said it. */
    record Line(int member, String kind, long millis, String[] fields) {
    }

    private final int size;
    private final IntFunction<List<String>> command;
    private final Path logs;
    private final Process[] processes;
    private final long[][] lastStat;
    final List<Line> lines = new CopyOnWriteArrayList<>();

    /**
     * @param command the command line of member {@code i}
     * @param logs    directory for the members' standard error, {@code <i>.err}
     */
    Cluster(int size, IntFunction<List<String>> command, Path logs) {
        this.size = size;
        this.command = command;
        this.logs = logs;
        processes = new Process[size];
        lastStat = new long[size][];
    }

    static String id(int i) {
        return "n" + i;
    }

    void start(int i) throws IOException {
        lastStat[i] = null;
        Process p = new ProcessBuilder(command.apply(i))
                .redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve(i + ".err").toFile())).start();
        processes[i] = p;
        Thread reader = new Thread(() -> read(i, p), "member-" + i);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(int i, Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String s;
            while ((s = r.readLine()) != null) {
                String[] f = s.trim().split(" ");
                if (f.length < 3) {
                    continue;
                }
                Line line = new Line(i, f[0], Long.parseLong(f[1]), f);
                if (f[0].equals("STAT") && processes[i] == p) {
                    lastStat[i] = new long[] {Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])};
                } else {
                    lines.add(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended
        }
    }

    /** Sends SIGKILL to member {@code i}; @return the wall clock just before */
    long kill(int i) throws InterruptedException {
        Process p = processes[i];
        lastStat[i] = null;
        long t = System.currentTimeMillis();
        p.destroyForcibly(); // SIGKILL on Linux
        p.waitFor();
        return t;
    }

    /** @return true once every member runs and counts all {@code size} members present, false at the deadline */
    boolean awaitComplete(long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            boolean all = true;
            for (int i = 0; i < size && all; i++) {
                long[] s = lastStat[i];
                all = processes[i] != null && processes[i].isAlive() && s != null && s[0] == size;
            }
            if (all) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /**
     * @return for each member but {@code victim}, the first time after {@code since} it said {@code victim}
     *         was gone (-1: not before the deadline)
     */
    long[] awaitGone(int victim, long since, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        long[] at = new long[size];
        while (true) {
            java.util.Arrays.fill(at, -1);
            int missing = 0;
            for (Line l : lines) {
                if (l.kind().equals("GONE") && l.millis() >= since && l.fields()[2].equals(id(victim))
                        && l.member() != victim && at[l.member()] < 0) {
                    at[l.member()] = l.millis();
                }
            }
            for (int i = 0; i < size; i++) {
                if (i != victim && at[i] < 0) {
                    missing++;
                }
            }
            if (missing == 0 || System.currentTimeMillis() >= end) {
                return at;
            }
            Thread.sleep(100);
        }
    }

    /** @return {suspicions raised, suspicions acted on} summed over the members, as they last said */
    long[] suspicions() {
        long[] sum = new long[2];
        for (long[] s : lastStat) {
            if (s != null) {
                sum[0] += s[1];
                sum[1] += s[2];
            }
        }
        return sum;
    }

    /** @return GONE lines said between the two times (no member was killed then: all are false) */
    List<Line> goneBetween(long from, long to) {
        List<Line> l = new ArrayList<>();
        for (Line x : lines) {
            if (x.kind().equals("GONE") && x.millis() >= from && x.millis() < to) {
                l.add(x);
            }
        }
        return l;
    }

    long pid(int i) {
        return processes[i].pid();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
        for (Process p : processes) {
            if (p != null) {
                try {
                    p.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
