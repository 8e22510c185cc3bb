package dev.wren.gossip.internal.channel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.wren.peer.PeerCallException.Reason;

/**
 * One unit on a channel connection, inside TLS: a type byte, the call's number, then by type
 * <ul>
 * <li>{@link Type#HELLO} (first each way): the sender's member id and the id it believes it talks to,
 * <li>{@link Type#CALL}: the service name and the request,
 * <li>{@link Type#ANSWER}: the answer,
 * <li>{@link Type#ERROR}: a {@link Reason} and words;
 * </ul>
 * strings as a length byte and UTF-8, byte arrays as a four-byte length and the bytes. A length above
 * the reader's limit is refused before anything is allocated.
 */
record Frame(Type type, int call, String text, String text2, byte[] body, Reason reason) {

    /** Longest member id or error text, in bytes. */
    static final int MAX_TEXT = 255;

    enum Type {
        HELLO, CALL, ANSWER, ERROR
    }

    /** A length read beyond the limit: the connection cannot go on (its stream is not resynchronised). */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        final int call;

        TooLarge(int call, long length, int limit) {
            super("a frame of " + length + " bytes, more than the limit of " + limit);
            this.call = call;
        }
    }

    static Frame hello(String from, String to) {
        return new Frame(Type.HELLO, 0, from, to, new byte[0], null);
    }

    static Frame call(int call, String service, byte[] request) {
        return new Frame(Type.CALL, call, service, "", request, null);
    }

    static Frame answer(int call, byte[] answer) {
        return new Frame(Type.ANSWER, call, "", "", answer, null);
    }

    static Frame error(int call, Reason reason, String words) {
        return new Frame(Type.ERROR, call, cut(words), "", new byte[0], reason);
    }

    /** @return the bytes written, as counted by the link's counters */
    int write(DataOutputStream out) throws IOException {
        out.writeByte(type.ordinal());
        out.writeInt(call);
        int n = 5;
        switch (type) {
            case HELLO -> n += string(out, text) + string(out, text2);
            case CALL -> n += string(out, text) + bytes(out, body);
            case ANSWER -> n += bytes(out, body);
            case ERROR -> {
                out.writeByte(reason.ordinal());
                n += 1 + string(out, text);
            }
        }
        out.flush();
        return n;
    }

    /**
     * @param limit the largest body accepted
     * @throws EOFException the connection closed between frames
     * @throws IOException  a malformed frame, or one over the limit ({@link TooLarge})
     */
    static Frame read(DataInputStream in, int limit) throws IOException {
        int t = in.read();
        if (t < 0) {
            throw new EOFException("closed");
        }
        if (t >= Type.values().length) {
            throw new IOException("unknown frame type " + t);
        }
        Type type = Type.values()[t];
        int call = in.readInt();
        return switch (type) {
            case HELLO -> hello(string(in), string(in));
            case CALL -> {
                String service = string(in);
                yield call(call, service, bytes(in, limit, call));
            }
            case ANSWER -> answer(call, bytes(in, limit, call));
            case ERROR -> {
                int r = in.readUnsignedByte();
                if (r >= Reason.values().length) {
                    throw new IOException("unknown error reason " + r);
                }
                yield error(call, Reason.values()[r], string(in));
            }
        };
    }

    private static int string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeByte(b.length);
        out.write(b);
        return 1 + b.length;
    }

    private static int bytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
        return 4 + b.length;
    }

    private static String string(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readUnsignedByte()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(DataInputStream in, int limit, int call) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > limit) {
            throw new TooLarge(call, Integer.toUnsignedLong(n), limit);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** @return {@code s} cut to {@value #MAX_TEXT} UTF-8 bytes at a character boundary */
    static String cut(String s) {
        String out = s == null ? "" : s;
        while (out.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
