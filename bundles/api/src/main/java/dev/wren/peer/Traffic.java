package dev.wren.peer;

/**
 * What this gateway's gossip sent and received since it started: for monitoring, not for decisions.
 *
 * @param packetsIn  packets accepted (authentic, fresh, well formed)
 * @param bytesIn    their bytes
 * @param packetsOut packets sent
 * @param bytesOut   their bytes
 * @param dropped    packets dropped for any reason (not authentic, replayed, malformed, too large)
 * @param suspicions members this gateway suspected after its own failed probes
 * @param refutes    times this gateway refuted a suspicion or death about itself
 * @param deaths     members this gateway declared dead when their suspicion timed out
 * @since 1.1
 */
public record Traffic(long packetsIn, long bytesIn, long packetsOut, long bytesOut, long dropped, long suspicions,
        long refutes, long deaths) {
}
