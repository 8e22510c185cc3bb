package dev.wren.inference.internal.spread;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;

/**
 * The bytes of model spread on the peer channel (service {@value #SERVICE}): a request for a part
 * of a model bundle, and the part. Version 1, big-endian, names as modified UTF-8:
 * <pre>
 * request: 1, model, version, offset (i64), max (i32)
 * answer:  1, bundle symbolic name, bundle version, size (i64), SHA-256 of the whole jar (64 hex digits),
 *          length (i32), length bytes from offset
 * </pre>
 * Anything else is refused with an {@link IllegalArgumentException} naming what is wrong.
 */
final class SpreadWire {

    static final String SERVICE = "models";
    static final int VERSION = 1;
    static final int MAX_NAME = 255;

    record Request(String model, String version, long offset, int max) {
    }

    record Part(String bundle, String bundleVersion, long size, String sha256, long offset, byte[] bytes) {
    }

    private SpreadWire() {
    }

    static byte[] request(Request r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeByte(VERSION);
            out.writeUTF(r.model());
            out.writeUTF(r.version());
            out.writeLong(r.offset());
            out.writeInt(r.max());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    static Request request(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            version(in);
            Request r = new Request(name(in), name(in), in.readLong(), in.readInt());
            end(in);
            if (r.offset() < 0 || r.max() < 1) {
                throw new IllegalArgumentException("offset " + r.offset() + ", max " + r.max());
            }
            return r;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated request (" + bytes.length + " bytes)");
        }
    }

    /** @param bytes the part, {@code bytes.length} of them sent */
    static byte[] part(String bundle, String bundleVersion, long size, String sha256, byte[] bytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(bytes.length + 128);
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeByte(VERSION);
            out.writeUTF(bundle);
            out.writeUTF(bundleVersion);
            out.writeLong(size);
            out.writeUTF(sha256);
            out.writeInt(bytes.length);
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** @param offset where the requested part starts, to check the answer against */
    static Part part(byte[] bytes, long offset) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            version(in);
            String bundle = name(in);
            String bundleVersion = name(in);
            long size = in.readLong();
            String sha = name(in);
            if (!sha.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("not a SHA-256: " + sha);
            }
            int length = in.readInt();
            if (size < 0 || length < 0 || length > in.available() || offset + length > size) {
                throw new IllegalArgumentException("part of " + length + " bytes at " + offset + " of " + size);
            }
            byte[] b = new byte[length];
            in.readFully(b);
            end(in);
            return new Part(bundle, bundleVersion, size, sha, offset, b);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated part (" + bytes.length + " bytes)");
        }
    }

    private static void version(DataInputStream in) throws IOException {
        int v = in.readUnsignedByte();
        if (v != VERSION) {
            throw new IllegalArgumentException("version " + v + ", this gateway speaks " + VERSION);
        }
    }

    private static String name(DataInputStream in) throws IOException {
        try {
            String s = in.readUTF();
            if (s.isEmpty() || s.length() > MAX_NAME) {
                throw new IllegalArgumentException("a name of " + s.length() + " characters");
            }
            return s;
        } catch (UTFDataFormatException e) {
            throw new IllegalArgumentException("a name is not modified UTF-8");
        }
    }

    private static void end(DataInputStream in) throws IOException {
        if (in.available() > 0) {
            throw new IllegalArgumentException(in.available() + " trailing bytes");
        }
    }
}
