package dev.wren.inference.internal.spread;

import java.io.DataInputStream;
import java.io.IOException;

import dev.wren.inference.internal.Wire;

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
        return Wire.write(VERSION, out -> {
            Wire.name(out, r.model(), MAX_NAME);
            Wire.name(out, r.version(), MAX_NAME);
            out.writeLong(r.offset());
            out.writeInt(r.max());
        });
    }

    static Request request(byte[] bytes) {
        Request r = Wire.read(bytes, VERSION, "request", in -> new Request(name(in), name(in), in.readLong(), in.readInt()));
        if (r.offset() < 0 || r.max() < 1) {
            throw new IllegalArgumentException("offset " + r.offset() + ", max " + r.max());
        }
        return r;
    }

    /** @param bytes the part, {@code bytes.length} of them sent */
    static byte[] part(String bundle, String bundleVersion, long size, String sha256, byte[] bytes) {
        return Wire.write(VERSION, out -> {
            Wire.name(out, bundle, MAX_NAME);
            Wire.name(out, bundleVersion, MAX_NAME);
            out.writeLong(size);
            out.writeUTF(sha256);
            out.writeInt(bytes.length);
            out.write(bytes);
        });
    }

    /** @param offset where the requested part starts, to check the answer against */
    static Part part(byte[] bytes, long offset) {
        return Wire.read(bytes, VERSION, "part", in -> {
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
            return new Part(bundle, bundleVersion, size, sha, offset, b);
        });
    }

    /** A name is never empty here. */
    private static String name(DataInputStream in) throws IOException {
        String s = Wire.name(in, MAX_NAME);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("an empty name");
        }
        return s;
    }
}
