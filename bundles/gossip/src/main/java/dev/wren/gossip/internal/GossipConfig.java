package dev.wren.gossip.internal;

/**
 * The protocol's timing and fan-out, validated and immutable. Times are milliseconds.
 *
 * <p>The two profiles follow memberlist's {@code DefaultLANConfig} and {@code DefaultWANConfig}:
 * {@link #lan()} for one site's Wi-Fi or Ethernet, {@link #wan()} for gateways linked over thin or
 * distant links (slower probes, longer suspicion). Every rule broken is refused with an
 * {@link IllegalArgumentException} whose message starts with the field's name.
 *
 * @param probeInterval           time between two failure-detection probes (scaled by the local
 *                                health multiplier)
 * @param probeTimeout            wait for a direct ack before asking others (scaled likewise);
 *                                less than {@code probeInterval}
 * @param indirectChecks          members asked to probe on our behalf when a direct probe fails
 * @param suspicionMult           suspicion timeout = suspicionMult x max(1, log10 N) x probeInterval
 *                                at best (with confirmations); also sets the expected confirmations
 *                                (suspicionMult - 2)
 * @param suspicionMaxTimeoutMult the suspicion timeout without any confirmation, as a multiple of
 *                                the shortest one
 * @param awarenessMax            the local health multiplier's ceiling (Lifeguard LHM): probe
 *                                interval and timeout grow up to this many times while this node
 *                                itself looks unhealthy
 * @param retransmitMult          each membership update is sent retransmitMult x ceil(log10(N + 1))
 *                                times
 * @param stateRetransmitMult     each state write is sent stateRetransmitMult x ceil(log10(N + 1))
 *                                times, at least {@value #STATE_RETRANSMIT_MIN}: fewer than
 *                                membership updates, since writes are many and anti-entropy repairs
 *                                whoever missed one; the floor keeps a small site (where the log is
 *                                1) from depending on anti-entropy for every write
 * @param gossipInterval          time between two gossip rounds (only when there is something to
 *                                say)
 * @param gossipNodes             members a gossip round sends to
 * @param gossipToTheDead         how long dead members still receive gossip (so they can refute)
 * @param pushPullInterval        time between two anti-entropy exchanges with a random member
 * @param reconnectInterval       time between two attempts to reach a random dead member (heals
 *                                partitions)
 * @param reconnectTimeout        how long a dead member is remembered (and retried)
 * @param tombstoneTtl            how long a deleted key, and a member that left, are remembered
 * @param replayWindow            a packet whose sender's clock differs from ours by more than this
 *                                is dropped as stale; its nonce is remembered this long
 */
public record GossipConfig(long probeInterval, long probeTimeout, int indirectChecks, int suspicionMult,
        int suspicionMaxTimeoutMult, int awarenessMax, int retransmitMult, int stateRetransmitMult, long gossipInterval,
        int gossipNodes, long gossipToTheDead, long pushPullInterval, long reconnectInterval,
        long reconnectTimeout, long tombstoneTtl, long replayWindow) {

    public GossipConfig {
        between("probeInterval", probeInterval, 10, 600_000);
        between("probeTimeout", probeTimeout, 1, probeInterval - 1);
        between("indirectChecks", indirectChecks, 0, 16);
        between("suspicionMult", suspicionMult, 1, 100);
        between("suspicionMaxTimeoutMult", suspicionMaxTimeoutMult, 1, 100);
        between("awarenessMax", awarenessMax, 1, 64);
        between("retransmitMult", retransmitMult, 1, 100);
        between("stateRetransmitMult", stateRetransmitMult, 1, 100);
        between("gossipInterval", gossipInterval, 10, 600_000);
        between("gossipNodes", gossipNodes, 1, 16);
        between("gossipToTheDead", gossipToTheDead, 0, 86_400_000);
        between("pushPullInterval", pushPullInterval, 100, 86_400_000);
        between("reconnectInterval", reconnectInterval, 100, 86_400_000);
        between("reconnectTimeout", reconnectTimeout, 0, 7 * 86_400_000L);
        between("tombstoneTtl", tombstoneTtl, 1_000, 7 * 86_400_000L);
        between("replayWindow", replayWindow, 1_000, 3_600_000);
    }

    /** One site's LAN or Wi-Fi: memberlist's LAN timings. */
    public static GossipConfig lan() {
        return new GossipConfig(1_000, 500, 3, 4, 6, 8, 4, 1, 200, 3, 30_000, 30_000, 30_000,
                3_600_000, 300_000, 30_000);
    }

    /** Thin or distant links: memberlist's WAN timings. */
    public static GossipConfig wan() {
        return new GossipConfig(5_000, 3_000, 3, 6, 6, 8, 4, 1, 500, 4, 60_000, 60_000, 60_000,
                3_600_000, 600_000, 30_000);
    }

    /** @return the profile by name, {@code lan} or {@code wan} (any case) */
    public static GossipConfig profile(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "lan" -> lan();
            case "wan" -> wan();
            default -> throw new IllegalArgumentException("profile: must be lan or wan, was " + name);
        };
    }

    /** @return how many times a membership update is sent in a cluster of {@code n} members */
    public int retransmitLimit(int n) {
        return retransmitMult * (int) Math.ceil(Math.log10(n + 1.0));
    }

    /** Least number of times a state write is sent. */
    public static final int STATE_RETRANSMIT_MIN = 3;

    /** @return how many times a state write is sent in a cluster of {@code n} members */
    public int stateRetransmitLimit(int n) {
        return Math.max(STATE_RETRANSMIT_MIN, stateRetransmitMult * (int) Math.ceil(Math.log10(n + 1.0)));
    }

    /** @return a copy with one field changed, by its name here; the result is validated again */
    public GossipConfig with(String field, long v) {
        long[] f = {probeInterval, probeTimeout, indirectChecks, suspicionMult, suspicionMaxTimeoutMult,
            awarenessMax, retransmitMult, stateRetransmitMult, gossipInterval, gossipNodes, gossipToTheDead, pushPullInterval,
            reconnectInterval, reconnectTimeout, tombstoneTtl, replayWindow};
        int i = java.util.List.of("probeInterval", "probeTimeout", "indirectChecks", "suspicionMult",
                "suspicionMaxTimeoutMult", "awarenessMax", "retransmitMult", "stateRetransmitMult", "gossipInterval", "gossipNodes",
                "gossipToTheDead", "pushPullInterval", "reconnectInterval", "reconnectTimeout", "tombstoneTtl",
                "replayWindow").indexOf(field);
        if (i < 0) {
            throw new IllegalArgumentException(field + ": no such field");
        }
        f[i] = v;
        return new GossipConfig(f[0], f[1], narrow("indirectChecks", f[2]), narrow("suspicionMult", f[3]),
                narrow("suspicionMaxTimeoutMult", f[4]), narrow("awarenessMax", f[5]),
                narrow("retransmitMult", f[6]), narrow("stateRetransmitMult", f[7]), f[8], narrow("gossipNodes", f[9]),
                f[10], f[11], f[12], f[13], f[14], f[15]);
    }

    private static int narrow(String field, long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + ": out of range, was " + v);
        }
        return (int) v;
    }

    private static void between(String field, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(field + ": must be " + min + " to " + max + ", was " + v);
        }
    }
}
