package dev.wren.gossip.internal.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.wren.gossip.internal.shell.MembershipBenchmark.f;
import static dev.wren.gossip.internal.shell.MembershipBenchmark.median;

/** What one {@link Run} measured, and the side-by-side table of medians over runs. */
final class RunResult {

    final String system;
    final int run;
    long formedMillis;
    final List<Double> rssKb = new ArrayList<>();
    final List<Double> threads = new ArrayList<>();
    long idleRssKb;
    int idleThreads;
    final List<Double> bytesPerSecond = new ArrayList<>();
    final List<Double> tcpBytesPerSecond = new ArrayList<>();
    final List<String> victims = new ArrayList<>();
    final List<Double> detectFirst = new ArrayList<>();
    final List<Double> detectAll = new ArrayList<>();
    double lossSeconds;
    long suspicionsRaised;
    long suspicionsActed;
    long falseRemovals;
    boolean completeAfterLoss;

    RunResult(String system, int run) {
        this.system = system;
        this.run = run;
    }

    static double med(List<Double> l) {
        return median(l.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Override
    public String toString() {
        return String.format("%s run %d: formed in %.1f s; RSS MB per member median %s (min %s, max %s), idle JVM %s;"
                + " threads median %s (idle JVM %d); bytes/s per member median %s (TCP %s); SIGKILL of %s: all others "
                + "knew after %s s, the first after %s s; %.0f s of loss: %d suspicions raised, %d acted on, "
                + "%d live members dropped, all 10 again after: %s",
                system, run, formedMillis / 1000.0, f(med(rssKb) / 1024),
                f(rssKb.stream().mapToDouble(d -> d).min().orElse(0) / 1024),
                f(rssKb.stream().mapToDouble(d -> d).max().orElse(0) / 1024), f(idleRssKb / 1024.0), f(med(threads)),
                idleThreads, f(med(bytesPerSecond)), f(med(tcpBytesPerSecond)), victims, detectAll, detectFirst,
                lossSeconds, suspicionsRaised, suspicionsActed, falseRemovals, completeAfterLoss);
    }

    /** @return a Markdown table: one row per figure, one column per system, and the ratio of the first two */
    static String table(Map<String, List<RunResult>> results) {
        List<String> systems = new ArrayList<>(results.keySet());
        StringBuilder t = new StringBuilder("| measured (median) |");
        systems.forEach(s -> t.append(' ').append(s).append(" |"));
        t.append(systems.size() == 2 ? " " + systems.get(1) + " / " + systems.get(0) + " |\n" : "\n");
        t.append("|---|").append("---|".repeat(systems.size() + (systems.size() == 2 ? 1 : 0))).append('\n');
        row(t, results, systems, "RSS per member, MB", r -> med(r.rssKb) / 1024);
        row(t, results, systems, "RSS of an idle JVM, same flags, MB", r -> r.idleRssKb / 1024.0);
        row(t, results, systems, "threads per member", r -> med(r.threads));
        row(t, results, systems, "threads of an idle JVM", r -> (double) r.idleThreads);
        row(t, results, systems, "bytes/s per member, sent + received", r -> med(r.bytesPerSecond));
        row(t, results, systems, "10 members see each other after start, s", r -> r.formedMillis / 1000.0);
        rowPooled(t, results, systems, "SIGKILL: all others know it is gone, s", r -> r.detectAll);
        rowPooled(t, results, systems, "SIGKILL: the first knows, s", r -> r.detectFirst);
        row(t, results, systems, "10 % loss: suspicions raised per run", r -> (double) r.suspicionsRaised);
        row(t, results, systems, "10 % loss: suspicions acted on per run", r -> (double) r.suspicionsActed);
        row(t, results, systems, "10 % loss: live members dropped per run", r -> (double) r.falseRemovals);
        return t.toString();
    }

    private static void row(StringBuilder t, Map<String, List<RunResult>> results, List<String> systems, String name,
            Function<RunResult, Double> figure) {
        double[] m = new double[systems.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = median(results.get(systems.get(i)).stream().mapToDouble(figure::apply).toArray());
        }
        end(t, name, m);
    }

    /** Every kill of every run pooled: the median, and the range in brackets. */
    private static void rowPooled(StringBuilder t, Map<String, List<RunResult>> results, List<String> systems,
            String name, Function<RunResult, List<Double>> figure) {
        double[] m = new double[systems.size()];
        StringBuilder range = new StringBuilder();
        for (int i = 0; i < m.length; i++) {
            double[] v = results.get(systems.get(i)).stream().flatMap(r -> figure.apply(r).stream())
                    .mapToDouble(Double::doubleValue).toArray();
            m[i] = median(v);
            double lo = java.util.Arrays.stream(v).min().orElse(Double.NaN);
            double hi = java.util.Arrays.stream(v).max().orElse(Double.NaN);
            range.append(i == 0 ? "" : "; ").append(systems.get(i)).append(' ').append(f(lo)).append('-').append(f(hi))
                    .append(" over ").append(v.length);
        }
        end(t, name + " (" + range + ")", m);
    }

    private static void end(StringBuilder t, String name, double[] m) {
        t.append("| ").append(name).append(" |");
        for (double v : m) {
            t.append(' ').append(f(v)).append(" |");
        }
        if (m.length == 2) {
            t.append(' ').append(m[0] == 0 ? "-" : String.format("%.2f", m[1] / m[0])).append(" |");
        }
        t.append('\n');
    }
}
