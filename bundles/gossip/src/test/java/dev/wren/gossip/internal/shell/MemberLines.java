package dev.wren.gossip.internal.shell;

import java.io.PrintStream;

/**
 * What a member process of {@link MembershipBenchmark} tells the benchmark, one line each on its
 * standard output, stamped with the wall clock in milliseconds (the benchmark and its members share
 * the machine's clock):
 * <ul>
 * <li>{@code STAT <ms> <present> <suspicions> <confirmed>}, every second: members this one counts
 * in the cluster (itself included), suspicions its own failure detector raised so far, and how many
 * of them it acted on (JGroups: passed VERIFY_SUSPECT2; Wren: declared dead);
 * <li>{@code UP <ms> <id>} a member joined or came back;
 * <li>{@code GONE <ms> <id>} a member is no longer in this one's view (Wren: DEAD or LEFT;
 * JGroups: a view without it).
 * </ul>
 */
final class MemberLines {

    private final PrintStream out;

    MemberLines(PrintStream out) {
        this.out = out;
    }

    void stat(int present, long suspicions, long confirmed) {
        line("STAT " + System.currentTimeMillis() + " " + present + " " + suspicions + " " + confirmed);
    }

    void up(String id) {
        line("UP " + System.currentTimeMillis() + " " + id);
    }

    void gone(String id) {
        line("GONE " + System.currentTimeMillis() + " " + id);
    }

    private void line(String s) {
        synchronized (out) {
            out.println(s);
            out.flush();
        }
    }
}
