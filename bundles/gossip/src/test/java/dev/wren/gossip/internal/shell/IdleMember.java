package dev.wren.gossip.internal.shell;

/**
 * A JVM with the members' flags that does nothing: what {@link MembershipBenchmark} subtracts in
 * its head to see what the membership itself costs in RSS and threads.
 */
public final class IdleMember {

    private IdleMember() {
    }

    public static void main(String[] args) throws Exception {
        new MemberLines(System.out).stat(1, 0, 0);
        Thread.currentThread().join();
    }
}
