/**
 * Peers: the other gateways on the site, known without any cloud.
 *
 * <p>Gateways gossip with each other over UDP (SWIM failure detection with the Lifeguard
 * refinements, piggybacked dissemination, Scuttlebutt anti-entropy). The
 * {@link dev.wren.peer.PeerDirectory} service is what that leaves behind for the rest of the
 * gateway: who is there ({@link dev.wren.peer.Member}s with a {@link dev.wren.peer.Member.Status}),
 * and what each one says about itself, as a small key/value state (power mode, load, outbox depth,
 * models held, endpoints) that only its owner writes and everyone else reads. Changes are posted on
 * the {@code dev/wren/peer/*} EventAdmin topics named in {@link dev.wren.peer.PeerDirectory}.
 *
 * <p>Since 1.2, {@link dev.wren.peer.PeerChannel} carries calls between members (one request, one
 * answer, over TLS 1.3 keyed from the cluster keys) to the {@link dev.wren.peer.PeerService}s each
 * member registers: the uplink relay hands outboxes over with it. Since 1.3, {@link dev.wren.peer.Backoff}
is the one rule for leaving a member alone after a call to it failed.
 *
 * <p>Views are eventually consistent: two gateways may briefly disagree about a third one, never
 * about their own state.
 */
@Export
@Version("1.3.0")
package dev.wren.peer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
