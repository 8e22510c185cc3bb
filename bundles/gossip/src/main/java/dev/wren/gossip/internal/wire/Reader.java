package dev.wren.gossip.internal.wire;

import java.nio.charset.StandardCharsets;

/**
 * Reads the wire's primitives, checking every length against what is left before reading or
 * allocating anything: whatever the bytes, it returns values or throws {@link DecodeException}.
 */
public final class Reader {

    private final byte[] b;
    private int pos;
    private final int end;

    public Reader(byte[] b, int off, int len) {
        this.b = b;
        this.pos = off;
        this.end = off + len;
    }

    public int remaining() {
        return end - pos;
    }

    public int u8() throws DecodeException {
        if (pos >= end) {
            throw new DecodeException("truncated at byte " + pos);
        }
        return b[pos++] & 0xFF;
    }

    public boolean bool() throws DecodeException {
        int v = u8();
        if (v > 1) {
            throw new DecodeException("boolean " + v);
        }
        return v == 1;
    }

    /** A non-negative unsigned LEB128 varint of at most 10 bytes, canonical or not. */
    public long varLong() throws DecodeException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int x = u8();
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                if (v < 0 || (shift == 63 && x > 1)) {
                    throw new DecodeException("varint out of range");
                }
                return v;
            }
        }
        throw new DecodeException("varint longer than 10 bytes");
    }

    /** A varint no larger than {@code max}. */
    public int varInt(int max) throws DecodeException {
        long v = varLong();
        if (v > max) {
            throw new DecodeException("value " + v + " above " + max);
        }
        return (int) v;
    }

    /** A count of items each at least {@code minBytes} long: never more than the bytes left allow. */
    public int count(int minBytes) throws DecodeException {
        int n = varInt(Integer.MAX_VALUE);
        if (n > remaining() / minBytes) {
            throw new DecodeException("count " + n + " with " + remaining() + " bytes left");
        }
        return n;
    }

    /** A string of at most {@code maxBytes} UTF-8 bytes, at least {@code minBytes}. */
    public String string(int minBytes, int maxBytes) throws DecodeException {
        int len = varInt(maxBytes);
        if (len > remaining()) {
            throw new DecodeException("string of " + len + " bytes, " + remaining() + " left");
        }
        if (len < minBytes) {
            throw new DecodeException("string shorter than " + minBytes);
        }
        String s = new String(b, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    public void expectEnd() throws DecodeException {
        if (pos != end) {
            throw new DecodeException((end - pos) + " trailing bytes");
        }
    }
}
