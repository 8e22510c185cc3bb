package dev.wren.gossip.internal.wire;

import java.util.ArrayList;
import java.util.List;

import dev.wren.gossip.internal.wire.Message.Ack;
import dev.wren.gossip.internal.wire.Message.Digest;
import dev.wren.gossip.internal.wire.Message.Gossip;
import dev.wren.gossip.internal.wire.Message.Nack;
import dev.wren.gossip.internal.wire.Message.Ping;
import dev.wren.gossip.internal.wire.Message.PingReq;
import dev.wren.gossip.internal.wire.Message.Sync;
import dev.wren.gossip.internal.wire.Update.MemberUpdate;
import dev.wren.gossip.internal.wire.Update.StateUpdate;
import dev.wren.peer.Member.Status;
import dev.wren.peer.PeerDirectory;

/**
 * The packet format inside the envelope (unchanged by wire version 2, which added the route to the
 * envelope), version {@value #VERSION}: a version byte, the sender's
 * id, a message (type byte and body), a count byte and that many updates (type byte and body).
 * Integers are unsigned LEB128 varints, strings a varint length and UTF-8 bytes, booleans one byte.
 * Every string and count is bounded (ids and addresses {@value #MAX_ID} bytes, keys and values as
 * {@link PeerDirectory} says, counts by the bytes left), so decoding allocates at most about the
 * packet's size, and any input either decodes or fails with a {@link DecodeException}.
 */
public final class Codec {

    public static final int VERSION = 1;
    /** The largest packet payload: what is left of 1200 bytes after the envelope. */
    public static final int MAX_PAYLOAD = 1145;
    /** Largest id and address, in UTF-8 bytes. */
    public static final int MAX_ID = 64;
    /** Most updates in one packet. */
    public static final int MAX_UPDATES = 255;

    private static final Status[] STATUS = Status.values();

    private Codec() {
    }

    /** Starts a packet: version, sender, message; then {@link #finish} it with the updates. */
    public static Writer header(String sender, Message m) {
        Writer w = new Writer(256);
        w.u8(VERSION).string(sender);
        if (m instanceof Ping p) {
            w.u8(1).varLong(p.seq()).string(p.target()).u8(p.suspected() ? 1 : 0).varLong(p.incarnation());
        } else if (m instanceof PingReq p) {
            w.u8(2).varLong(p.seq()).string(p.target()).string(p.address());
        } else if (m instanceof Ack a) {
            w.u8(3).varLong(a.seq()).varLong(a.incarnation());
        } else if (m instanceof Nack n) {
            w.u8(4).varLong(n.seq());
        } else if (m instanceof Digest d) {
            w.u8(5).varLong(d.seq()).string(d.after()).string(d.upTo()).varLong(d.entries().size());
            d.entries().forEach(e -> digestEntry(w, e));
        } else if (m instanceof Sync s) {
            w.u8(6).varLong(s.seq()).u8(s.truncated() ? 1 : 0).string(s.coveredTo());
            w.varLong(s.members().size());
            s.members().forEach(u -> memberBody(w, u));
            w.varLong(s.states().size());
            s.states().forEach(b -> stateBlock(w, b));
            w.varLong(s.need().size());
            s.need().forEach(e -> digestEntry(w, e));
        } else {
            w.u8(7);
        }
        return w;
    }

    /** Appends the count and the updates, each one as {@link #update} encoded it. */
    public static byte[] finish(Writer w, List<byte[]> updates) {
        w.u8(updates.size());
        for (byte[] u : updates) {
            w.bytes(u, 0, u.length);
        }
        return w.toArray();
    }

    public static byte[] encode(String sender, Message m, List<Update> updates) {
        List<byte[]> u = new ArrayList<>(updates.size());
        updates.forEach(x -> u.add(update(x)));
        return finish(header(sender, m), u);
    }

    /** One update as it travels: type byte and body. */
    public static byte[] update(Update u) {
        Writer w = new Writer(48);
        if (u instanceof MemberUpdate m) {
            memberBody(w.u8(1), m);
        } else if (u instanceof StateUpdate s) {
            w.u8(2).string(s.id()).varLong(s.generation()).varLong(s.version()).string(s.key());
            optional(w, s.value());
        }
        return w.toArray();
    }

    /** @return the encoded size of one member as a {@link Sync} carries it */
    public static int size(MemberUpdate u) {
        Writer w = new Writer(48);
        memberBody(w, u);
        return w.size();
    }

    public static int size(DigestEntry e) {
        Writer w = new Writer(48);
        digestEntry(w, e);
        return w.size();
    }

    public static int size(StateBlock.Entry e) {
        Writer w = new Writer(48);
        entry(w, e);
        return w.size();
    }

    /** @return the encoded size of a state block, entries included */
    public static int size(StateBlock b) {
        Writer w = new Writer(64);
        stateBlock(w, b);
        return w.size();
    }

    private static void memberBody(Writer w, MemberUpdate u) {
        w.string(u.id()).u8(u.status().ordinal()).varLong(u.incarnation()).string(u.address()).string(u.from());
    }

    private static void digestEntry(Writer w, DigestEntry e) {
        w.string(e.id()).u8(e.status() == null ? STATUS.length : e.status().ordinal())
                .varLong(e.incarnation()).varLong(e.generation()).varLong(e.watermark());
    }

    private static void stateBlock(Writer w, StateBlock b) {
        w.string(b.id()).varLong(b.generation()).varLong(b.from()).varLong(b.to()).u8(b.reset() ? 1 : 0);
        w.varLong(b.entries().size());
        b.entries().forEach(e -> entry(w, e));
    }

    private static void entry(Writer w, StateBlock.Entry e) {
        w.string(e.key());
        optional(w, e.value());
        w.varLong(e.version());
    }

    private static void optional(Writer w, String value) {
        if (value == null) {
            w.u8(0);
        } else {
            w.u8(1).string(value);
        }
    }

    /** Decodes a whole payload; any inconsistency, including trailing bytes, is refused. */
    public static Packet decode(byte[] b, int off, int len) throws DecodeException {
        if (len > MAX_PAYLOAD) {
            throw new DecodeException("payload of " + len + " bytes");
        }
        Reader r = new Reader(b, off, len);
        int version = r.u8();
        if (version != VERSION) {
            throw new DecodeException("version " + version);
        }
        String sender = id(r);
        Message m = switch (r.u8()) {
            case 1 -> new Ping(r.varLong(), id(r), r.bool(), r.varLong());
            case 2 -> new PingReq(r.varLong(), id(r), r.string(1, MAX_ID));
            case 3 -> new Ack(r.varLong(), r.varLong());
            case 4 -> new Nack(r.varLong());
            case 5 -> digest(r);
            case 6 -> sync(r);
            case 7 -> new Gossip();
            default -> throw new DecodeException("message type");
        };
        int n = r.u8();
        if (n > r.remaining() / 7) {
            throw new DecodeException("update count " + n);
        }
        List<Update> updates = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            updates.add(switch (r.u8()) {
                case 1 -> member(r);
                case 2 -> new StateUpdate(id(r), r.varLong(), r.varLong(), key(r), value(r));
                default -> throw new DecodeException("update type");
            });
        }
        r.expectEnd();
        return new Packet(sender, m, updates);
    }

    private static Digest digest(Reader r) throws DecodeException {
        long seq = r.varLong();
        String after = r.string(0, MAX_ID);
        String upTo = r.string(0, MAX_ID);
        int n = r.count(6);
        List<DigestEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(digestEntry(r));
        }
        return new Digest(seq, after, upTo, entries);
    }

    private static Sync sync(Reader r) throws DecodeException {
        long seq = r.varLong();
        boolean truncated = r.bool();
        String covered = r.string(0, MAX_ID);
        int n = r.count(6);
        List<MemberUpdate> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            members.add(member(r));
        }
        n = r.count(7);
        List<StateBlock> states = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            states.add(block(r));
        }
        n = r.count(6);
        List<DigestEntry> need = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            need.add(digestEntry(r));
        }
        return new Sync(seq, truncated, covered, members, states, need);
    }

    private static StateBlock block(Reader r) throws DecodeException {
        String id = id(r);
        long generation = r.varLong();
        long from = r.varLong();
        long to = r.varLong();
        boolean reset = r.bool();
        if (from > to) {
            throw new DecodeException("block from " + from + " after to " + to);
        }
        int n = r.count(4);
        List<StateBlock.Entry> entries = new ArrayList<>(n);
        long last = reset ? 0 : from;
        for (int i = 0; i < n; i++) {
            StateBlock.Entry e = new StateBlock.Entry(key(r), value(r), r.varLong());
            if (e.version() <= last || e.version() > to) {
                throw new DecodeException("block entry version " + e.version());
            }
            last = e.version();
            entries.add(e);
        }
        return new StateBlock(id, generation, from, to, reset, entries);
    }

    private static MemberUpdate member(Reader r) throws DecodeException {
        String id = id(r);
        int s = r.u8();
        if (s >= STATUS.length) {
            throw new DecodeException("status " + s);
        }
        long incarnation = r.varLong();
        String address = r.string(0, MAX_ID);
        return new MemberUpdate(id, address, STATUS[s], incarnation, r.string(0, MAX_ID));
    }

    private static DigestEntry digestEntry(Reader r) throws DecodeException {
        String id = id(r);
        int s = r.u8();
        if (s > STATUS.length) {
            throw new DecodeException("status " + s);
        }
        return new DigestEntry(id, s == STATUS.length ? null : STATUS[s], r.varLong(), r.varLong(), r.varLong());
    }

    private static String id(Reader r) throws DecodeException {
        return r.string(1, MAX_ID);
    }

    private static String key(Reader r) throws DecodeException {
        return r.string(1, PeerDirectory.MAX_KEY_BYTES);
    }

    private static String value(Reader r) throws DecodeException {
        return r.bool() ? r.string(0, PeerDirectory.MAX_VALUE_BYTES) : null;
    }
}
