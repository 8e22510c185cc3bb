package dev.wren.uplink.internal;

import java.nio.charset.StandardCharsets;

import dev.wren.store.Message;
import dev.wren.store.Stored;

/**
 * The bytes the uplink puts on the wire (see {@code docs/uplink.md}).
 *
 * <p>A message's payload is the JSON object the producer stored with the outbox's id and
 * acceptance time put first: {@code {"temp":21.4}} taken as id 42, accepted at 1763798400000,
 * goes out as {@code {"id":42,"ts":1763798400000,"temp":21.4}}; {@code {}} goes out as
 * {@code {"id":42,"ts":1763798400000}}. The rest of the object is copied byte for byte, so a
 * producer that already has a field {@code id} or {@code ts} sends it twice (the first one is
 * the outbox's). A payload that is not an object (the outbox refuses those) is sent unchanged.
 */
final class Wire {

    private static final byte[] ID = bytes("{\"id\":");
    private static final byte[] TS = bytes(",\"ts\":");

    /** The last will: set at connect, published by the broker if the connection dies. */
    static final byte[] WILL = bytes("{\"online\":false}");

    private Wire() {
    }

    /**
     * @return the payload of a stored message with {@code "id"} and {@code "ts"} first: its own, or for a
     *         message relayed here those of the gateway it came from, so that the cloud sees the same bytes
     */
    static byte[] payload(Stored m) {
        Message.Origin o = m.message().origin();
        return o == null ? payload(m.id(), m.created(), m.message().payload())
                : payload(o.id(), o.created(), m.message().payload());
    }

    /** @return a new array: the payload with {@code "id"} and {@code "ts"} first */
    static byte[] payload(long id, long created, byte[] json) {
        int open = skipSpace(json, 0);
        if (open == json.length || json[open] != '{') {
            return json;
        }
        int first = skipSpace(json, open + 1);
        boolean empty = first < json.length && json[first] == '}';
        int head = ID.length + digits(id) + TS.length + digits(created);
        int rest = empty ? 1 : json.length - open;
        byte[] out = new byte[head + rest];
        int at = put(out, 0, ID);
        at = putLong(out, at, id);
        at = put(out, at, TS);
        at = putLong(out, at, created);
        if (empty) {
            out[at] = '}';
        } else {
            out[at++] = ',';
            System.arraycopy(json, open + 1, out, at, json.length - open - 1);
        }
        return out;
    }

    /** The birth message, retained on the state topic after every connect. */
    static byte[] online(String gatewayId, long now) {
        return bytes("{\"online\":true,\"ts\":" + now + ",\"gateway\":\"" + gatewayId + "\"}");
    }

    /** Published on the state topic before a deliberate disconnect, which fires no will. */
    static byte[] offline(long now) {
        return bytes("{\"online\":false,\"ts\":" + now + "}");
    }

    private static int skipSpace(byte[] b, int from) {
        int i = from;
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** @return the number of decimal digits of {@code v}, with a sign if negative */
    static int digits(long v) {
        if (v < 0) {
            return v == Long.MIN_VALUE ? 20 : 1 + digits(-v);
        }
        int n = 1;
        for (long p = 10; n < 19 && v >= p; p *= 10) {
            n++;
        }
        return n;
    }

    private static int putLong(byte[] out, int at, long v) {
        if (v == Long.MIN_VALUE) {
            return put(out, at, bytes(Long.toString(v)));
        }
        int end = at + digits(v);
        long x = v;
        if (x < 0) {
            out[at] = '-';
            x = -x;
        }
        int i = end;
        do {
            out[--i] = (byte) ('0' + x % 10);
            x /= 10;
        } while (x != 0);
        return end;
    }

    private static int put(byte[] out, int at, byte[] b) {
        System.arraycopy(b, 0, out, at, b.length);
        return at + b.length;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
