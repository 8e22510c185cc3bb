package dev.wren.peer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Calls between the gateways of the cluster: one request, one answer, reliable, authenticated and
 * encrypted, a service provided by Wren's gossip bundle while gossip runs with its channel on.
 *
 * <p><b>Security.</b> Each call travels over TCP in TLS 1.3 keyed by a pre-shared key derived from
 * the cluster's keys (the keys gossip seals its packets with; key rotation applies to both): only a
 * member holding a cluster key can connect, and the traffic is encrypted with a fresh ephemeral key
 * exchange per connection. A member proves it holds a key, not which member it is: every key holder
 * is trusted alike, as in gossip. Without a key there is no gossip and no channel.
 *
 * <p><b>Addressing.</b> A member that can be called advertises its channel port in its gossip state
 * under {@value #STATE_KEY}; it is reached at the host of its gossip address. A call to a member
 * that is unknown, not {@link Member#present() present} or advertises no channel fails at once with
 * {@link PeerCallException.Reason#NO_CHANNEL}.
 *
 * <p><b>Delivery.</b> The answer is the callee's {@link PeerService#answer} return value: a call
 * that completes normally was handled there. A call that fails (timeout, broken connection) may or
 * may not have been handled: a caller that must not lose data keeps it until an answer says
 * otherwise, and a callee that must not duplicate it recognises a repeated request.
 *
 * <p><b>Bounds.</b> A request or an answer is at most the configured size ({@code channel.max.kb},
 * {@link PeerCallException.Reason#TOO_LARGE} beyond); each member is called over one connection with
 * at most a configured number of calls in flight ({@link PeerCallException.Reason#BUSY} beyond); the
 * bytes sent to each member are rate limited; a callee answers at most a configured number of calls
 * at once and refuses more with {@link PeerCallException.Reason#BUSY}.
 *
 * <p>Threading: all methods are safe to call from any thread and never block on the network; the
 * returned future completes on a channel thread, so dependent actions must not block.
 *
 * @since 1.2
 */
@ProviderType
public interface PeerChannel {

    /** The key of a member's gossip state that holds its channel's TCP port. */
    String STATE_KEY = "channel";

    /** Longest service name, in UTF-8 bytes. */
    int MAX_SERVICE_BYTES = 32;

    /**
     * Sends {@code request} to the {@link PeerService} named {@code service} on member
     * {@code memberId}.
     *
     * @param timeout how long to wait for the answer, from now (connecting included)
     * @return completes with the answer, or exceptionally with a {@link PeerCallException} saying why;
     *         never null
     * @throws IllegalArgumentException an empty or too long service name, a non-positive timeout
     */
    CompletableFuture<byte[]> call(String memberId, String service, byte[] request, Duration timeout);

    /** @return one entry per member this gateway called or was called by since the channel started, by id */
    List<Link> links();

    /**
     * What went over the channel with one member since the channel started: for monitoring.
     *
     * @param member    the member's id
     * @param callsOut  calls this gateway made to it that were answered
     * @param callsIn   calls from it that this gateway answered
     * @param failures  calls to it that failed (any reason), and calls from it refused
     * @param bytesOut  request and answer bytes sent to it (before encryption)
     * @param bytesIn   bytes received from it (after decryption)
     * @param connected whether a connection to it is open now
     */
    record Link(String member, long callsOut, long callsIn, long failures, long bytesOut, long bytesIn,
            boolean connected) {
    }
}
