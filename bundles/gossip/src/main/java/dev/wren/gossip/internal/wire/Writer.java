package dev.wren.gossip.internal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Appends the wire's primitives to a growable buffer: bytes, unsigned varints, strings. */
public final class Writer {

    private byte[] buf;
    private int pos;

    public Writer(int capacity) {
        buf = new byte[capacity];
    }

    public int size() {
        return pos;
    }

    public Writer u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    /** An unsigned LEB128 varint: 1 byte below 128, at most 10. */
    public Writer varLong(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative: " + v);
        }
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
        return this;
    }

    /** A varint length and the UTF-8 bytes. */
    public Writer string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varLong(b.length);
        return bytes(b, 0, b.length);
    }

    public Writer bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** Overwrites one byte already written. */
    public void set(int at, int v) {
        buf[at] = (byte) v;
    }

    public void truncate(int size) {
        pos = size;
    }

    public byte[] toArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** The buffer itself, valid up to {@link #size()}. */
    public byte[] array() {
        return buf;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    /** @return the encoded size of a varint */
    public static int varSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
