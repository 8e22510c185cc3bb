package dev.wren.gossip.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

import dev.wren.gossip.internal.crypto.Envelope;
import dev.wren.gossip.internal.crypto.Opened;
import dev.wren.gossip.internal.wire.Codec;
import dev.wren.gossip.internal.wire.DecodeException;
import dev.wren.gossip.internal.wire.Drop;
import dev.wren.gossip.internal.wire.DroppedException;
import dev.wren.gossip.internal.wire.Message;
import dev.wren.gossip.internal.wire.Packet;
import dev.wren.gossip.internal.wire.Update;
import dev.wren.gossip.internal.wire.Writer;
import dev.wren.peer.Member;

/**
 * One gateway's gossip protocol as a pure, deterministic state machine: its inputs are packets
 * ({@link #receive}), the passing of time ({@link #tick}) and this gateway's own wishes
 * ({@link #join}, {@link #publish}, {@link #remove}, {@link #leave}); its outputs go to an
 * {@link Output}: packets to send and member events. It has no thread, clock, socket or randomness
 * of its own: time is the {@code now} passed in (ms, any epoch, never going back), randomness comes
 * from the injected generator. Driven by the same inputs, it does the same thing.
 *
 * <p>Not thread-safe: one thread (or one lock) drives it. The driver calls {@link #tick} no later
 * than {@link #nextDeadline()} and after each input; calling it more often is harmless.
 *
 * <p>Bad input never changes state: a packet is opened ({@link Envelope}: for this member, authentic,
 * fresh, new), decoded completely, judged against the boot epochs ({@link Lives}: not for or from an
 * earlier life), and only then applied; a packet refused on the way is counted by its {@link Drop}
 * reason.
 */
public final class Node {

    final String id;
    final GossipConfig config;
    final RandomGenerator random;
    final Output out;
    final Envelope envelope;
    final Lives lives;
    final Counters counters = new Counters();
    final Awareness awareness;
    final Broadcasts broadcasts = new Broadcasts();
    /** Every known member by id, this node included. */
    final TreeMap<String, Peer> peers = new TreeMap<>();
    final Peer self;
    final Membership membership;
    final Prober prober;
    final AntiEntropy antiEntropy;
    final OwnState ownState;
    final List<String> seeds = new ArrayList<>();
    /** Members ALIVE or SUSPECT, this node included. */
    int present;
    long seq;
    boolean leaving;
    private long nextGossip;
    private long nextSweep;

    /**
     * @param id      this gateway's id, 1 to 64 UTF-8 bytes, unique in the cluster
     * @param address where the others reach it, {@code host:port}
     * @param epoch   this start's boot epoch, 1 to 2^32 - 1, higher than any earlier start's of this
     *                id (the shell persists a counter): sealed into every packet, so packets of and for
     *                an earlier life are refused
     * @param now     the node's start; also the generation of its state, so a restarted node's state
     *                replaces what others remember of its previous life
     */
    public Node(String id, String address, long epoch, GossipConfig config, Envelope envelope,
            RandomGenerator random, Output out, long now) {
        if (id.isEmpty() || PeerState.utf8(id) > Codec.MAX_ID || PeerState.utf8(address) > Codec.MAX_ID) {
            throw new IllegalArgumentException("id and address must be 1 to " + Codec.MAX_ID + " bytes");
        }
        this.id = id;
        this.config = config;
        this.envelope = envelope;
        this.lives = new Lives(epoch, now);
        this.random = random;
        this.out = out;
        this.awareness = new Awareness(config.awarenessMax());
        this.self = new Peer(id, address, 0, Math.max(1, now), now);
        peers.put(id, self);
        present = 1;
        membership = new Membership(this);
        prober = new Prober(this, now);
        antiEntropy = new AntiEntropy(this, now);
        ownState = new OwnState(this);
        membership.broadcast(self, id);
        nextGossip = now + random.nextLong(config.gossipInterval());
        nextSweep = now + 1_000;
    }

    /** Contacts the seeds (addresses): an anti-entropy exchange with each, retried while alone. */
    public void join(List<String> seedAddresses, long now) {
        seeds.clear();
        seedAddresses.forEach(a -> {
            if (!a.equals(self.address)) {
                seeds.add(a);
            }
        });
        seeds.forEach(a -> antiEntropy.start(a, "", now));
    }

    /**
     * Contacts a gateway heard of outside the protocol (a discovery announcement): an anti-entropy
     * exchange with it, unless it is this node or a member already present.
     */
    public void contact(String address, long now) {
        if (leaving || address.equals(self.address)) {
            return;
        }
        for (Peer p : peers.values()) {
            if (p.address.equals(address) && (p.status == Member.Status.ALIVE || p.status == Member.Status.SUSPECT)) {
                return;
            }
        }
        antiEntropy.start(address, "", now);
    }

    /**
     * Learns a member as alive at incarnation 0 without telling anyone, as if from a static member
     * list (a bootstrap that knows the cluster, or the simulator); gossip corrects it if wrong.
     */
    public void introduce(String memberId, String address, long now) {
        membership.apply(new Update.MemberUpdate(memberId, address, Member.Status.ALIVE, 0, ""), false, now, false);
    }

    /** One packet from the network, {@code from} being the sender's {@code host:port}. */
    public void receive(byte[] packet, String from, long now) {
        Packet p;
        Opened o;
        try {
            o = envelope.open(packet, id, now);
            p = Codec.decode(o.payload(), 0, o.payload().length);
        } catch (DroppedException e) {
            counters.drop(e.reason());
            return;
        } catch (DecodeException e) {
            counters.drop(Drop.MALFORMED);
            return;
        }
        if (p.sender().equals(id)) {
            return;
        }
        Drop refused = lives.judge(o, p, now);
        if (refused != null) {
            counters.drop(refused);
            if (refused == Drop.STALE_RECEIVER && lives.nudge(p.sender(), now, config.probeInterval())) {
                Peer known = peers.get(p.sender());
                send(p.sender(), known != null ? known.address : from, new Message.Gossip(), now);
            }
            return;
        }
        counters.packetsIn++;
        counters.bytesIn += packet.length;
        for (Update u : p.updates()) {
            if (u instanceof Update.MemberUpdate m) {
                membership.apply(m, false, now, true);
            }
        }
        for (Update u : p.updates()) {
            if (u instanceof Update.StateUpdate s) {
                ownState.apply(s, now); // after the members: a newcomer's state may share its packet
            }
        }
        Message m = p.message();
        if (m instanceof Message.Ping || m instanceof Message.PingReq || m instanceof Message.Ack
                || m instanceof Message.Nack) {
            prober.handle(m, p.sender(), from, now);
        } else if (m instanceof Message.Digest d) {
            antiEntropy.answer(d, p.sender(), from, now);
        } else if (m instanceof Message.Sync s) {
            antiEntropy.apply(s, p.sender(), from, now);
        }
        tick(now);
    }

    /** Lets time pass: probes, timeouts, gossip rounds, anti-entropy, expiry. */
    public void tick(long now) {
        prober.tick(now);
        membership.tick(now);
        if (now >= nextGossip) {
            gossip(now);
            nextGossip = now + config.gossipInterval();
        }
        antiEntropy.tick(now);
        if (now >= nextSweep) {
            membership.sweep(now);
            lives.sweep(peers, now, config.replayWindow());
            nextSweep = now + 1_000;
        }
    }

    /** @return the latest time by which {@link #tick} must be called */
    public long nextDeadline() {
        long d = Math.min(nextGossip, nextSweep);
        d = Math.min(d, prober.nextDeadline());
        d = Math.min(d, membership.nextDeadline());
        return Math.min(d, antiEntropy.nextDeadline());
    }

    /** Writes one key of this node's state; see {@code PeerDirectory.publish}. */
    public void publish(String key, String value, long now) {
        ownState.publish(key, value, now);
    }

    /** Deletes one key of this node's state; see {@code PeerDirectory.remove}. */
    public void remove(String key, long now) {
        ownState.remove(key, now);
    }

    /**
     * Says goodbye: the members learn this node left (not failed). Keep ticking it for a few gossip
     * intervals so the news gets out; it stops probing and exchanging.
     */
    public void leave(long now) {
        if (!leaving) {
            leaving = true;
            membership.leave(now);
            gossip(now);
        }
    }

    private void gossip(long now) {
        if (broadcasts.isEmpty()) {
            return;
        }
        for (Peer p : membership.randomPeers(config.gossipNodes(), null, now, true)) {
            send(p.id, p.address, new Message.Gossip(), now);
            if (broadcasts.isEmpty()) {
                break;
            }
        }
    }

    /**
     * Sends a message to member {@code to} at {@code address} with as many piggybacked updates as
     * fit; {@code to} null (a first contact, the id is unknown): sealed for anyone, a digest alone.
     */
    void send(String to, String address, Message m, long now) {
        Writer w = Codec.header(id, m);
        int room = Codec.MAX_PAYLOAD - w.size() - 1;
        List<byte[]> updates = to == null ? List.of() : broadcasts.take(room, Codec.MAX_UPDATES,
                config.retransmitLimit(present), config.stateRetransmitLimit(present));
        byte[] packet = envelope.seal(Codec.finish(w, updates), lives.route(to), now);
        counters.packetsOut++;
        counters.bytesOut += packet.length;
        out.send(address, packet);
    }

    public String id() {
        return id;
    }

    public Member self() {
        return self.snapshot();
    }

    /** @return every known member, this node included, by id */
    public List<Member> members() {
        List<Member> l = new ArrayList<>(peers.size());
        peers.values().forEach(p -> l.add(p.snapshot()));
        return l;
    }

    public Optional<Member> member(String memberId) {
        Peer p = peers.get(memberId);
        return p == null ? Optional.empty() : Optional.of(p.snapshot());
    }

    /** @return the status of {@code memberId} in this node's view, null when unknown (cheap) */
    public Member.Status status(String memberId) {
        Peer p = peers.get(memberId);
        return p == null ? null : p.status;
    }

    /** @return how many members this node knows as ALIVE or SUSPECT, itself included (cheap) */
    public int presentCount() {
        return present;
    }

    /** @return the max state version known of {@code memberId}, -1 when unknown (cheap) */
    public long stateVersion(String memberId) {
        Peer p = peers.get(memberId);
        return p == null ? -1 : p.state.maxVersion;
    }

    /** @return the envelope, to change its keyring (rotation) */
    public Envelope envelope() {
        return envelope;
    }

    /** @return this start's boot epoch */
    public long epoch() {
        return lives.epoch;
    }

    /** @return the highest boot epoch heard from member {@code memberId}, 0 when none */
    public long epochOf(String memberId) {
        return lives.of(memberId);
    }

    /**
     * @return whether a packet that came from outside the protocol (a discovery announcement),
     *         opened as {@code o}, was sealed for this life of the node
     */
    public boolean forThisLife(Opened o) {
        return lives.forThisLife(o.toEpoch(), o.sentAt());
    }

    /** Counts a packet refused outside {@link #receive} (a discovery announcement). */
    public void dropped(Drop reason) {
        counters.drop(reason);
    }

    public Counters counters() {
        return counters;
    }

    /** @return Lifeguard's local health score, 0 (healthy) to awarenessMax - 1 */
    public int health() {
        return awareness.score();
    }

    public long incarnation() {
        return self.incarnation;
    }

    /** @return updates waiting to be piggybacked */
    public int queued() {
        return broadcasts.size();
    }
}
