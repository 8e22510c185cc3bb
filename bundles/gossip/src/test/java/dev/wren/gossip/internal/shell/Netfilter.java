package dev.wren.gossip.internal.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's packet filter (iptables, as root) for {@link MembershipBenchmark}: it counts each
 * member's bytes and drops datagrams, the same way for both memberships since neither knows.
 *
 * <p>Counting: chain {@value #COUNT}, jumped to from INPUT and OUTPUT, holds one rule per member
 * port and direction (source port, destination port, UDP and TCP), each without a target, so a packet
 * adds its IP length (IP and UDP or TCP headers included) to every rule it matches. On loopback a
 * packet crosses OUTPUT and INPUT once each: a datagram from A to B is counted twice for A (as its
 * source port) and twice for B, so {@code udp / 2} is what a member sent plus received. A TCP
 * connection (JGroups' FD_SOCK2) is counted on the listening member's port only: twice per packet,
 * which stands for its two ends (in the FD_SOCK2 ring each member listens for one neighbour and
 * connects to the other).
 *
 * <p>Loss: chain {@value #LOSS}, jumped to first from INPUT, drops each UDP datagram to the benchmark's
 * ports at random with the given probability (the statistic match), on the receiving side.
 * Other traffic on the machine is left alone. {@link #close()} removes both chains.
 */
final class Netfilter implements AutoCloseable {

    static final String COUNT = "WREN_BENCH_COUNT";
    static final String LOSS = "WREN_BENCH_LOSS";
    private static final Pattern RULE = Pattern.compile("^\\s*\\d+\\s+(\\d+)\\s.*\\b(udp|tcp) [sd]pt:(\\d+)");

    private final int lowPort;
    private final int highPort;

    /**
     * @param udpPorts, tcpPorts the ports to count; {@code lowPort}..{@code highPort} the UDP ports loss applies to
     */
    Netfilter(List<Integer> udpPorts, List<Integer> tcpPorts, int lowPort, int highPort) throws IOException {
        this.lowPort = lowPort;
        this.highPort = highPort;
        close();
        run("-N", COUNT);
        run("-N", LOSS);
        run("-I", "INPUT", "1", "-j", COUNT);
        run("-I", "INPUT", "1", "-j", LOSS);
        run("-I", "OUTPUT", "1", "-j", COUNT);
        for (String proto : new String[] {"udp", "tcp"}) {
            for (int p : proto.equals("udp") ? udpPorts : tcpPorts) {
                run("-A", COUNT, "-p", proto, "--sport", Integer.toString(p));
                run("-A", COUNT, "-p", proto, "--dport", Integer.toString(p));
            }
        }
    }

    /** Drops this share of the UDP datagrams to the benchmark's ports from now on; 0 stops dropping. */
    void loss(double probability) throws IOException {
        run("-F", LOSS);
        if (probability > 0) {
            run("-A", LOSS, "-p", "udp", "--dport", lowPort + ":" + highPort, "-m", "statistic", "--mode", "random",
                    "--probability", Double.toString(probability), "-j", "DROP");
        }
    }

    /** @return bytes counted so far by port: {UDP as counted, TCP as counted} (see the class comment) */
    Map<Integer, long[]> bytes() throws IOException {
        Map<Integer, long[]> m = new HashMap<>();
        for (String line : run("-L", COUNT, "-v", "-x", "-n").split("\n")) {
            Matcher x = RULE.matcher(line);
            if (x.find()) {
                long[] b = m.computeIfAbsent(Integer.parseInt(x.group(3)), k -> new long[2]);
                b[x.group(2).equals("udp") ? 0 : 1] += Long.parseLong(x.group(1));
            }
        }
        return m;
    }

    /** Removes the chains and the jumps to them; quiet when they are not there. */
    @Override
    public void close() {
        for (String[] r : new String[][] {{"-D", "INPUT", "-j", LOSS}, {"-D", "INPUT", "-j", COUNT},
            {"-D", "OUTPUT", "-j", COUNT}, {"-F", LOSS}, {"-X", LOSS}, {"-F", COUNT}, {"-X", COUNT}}) {
            try {
                run(r);
            } catch (IOException e) {
                // not there
            }
        }
    }

    private static String run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("iptables", "-w"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + ": " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
