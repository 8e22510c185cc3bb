package dev.wren.inference.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;

/**
 * What the bundle's peer-channel messages (work sharing, model spread) have in common: a version
 * byte first, big-endian fields, names as modified UTF-8, and every malformed message (another
 * version, truncated, trailing bytes, a name too long or not UTF-8) refused with an
 * {@link IllegalArgumentException} that names what is wrong.
 */
public final class Wire {

    /** Writes the fields after the version byte. */
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the fields after the version byte. */
    public interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private Wire() {
    }

    public static byte[] write(int version, Writer w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @param what the message's kind, for the refusal: "request", "answer", "part" */
    public static <T> T read(byte[] bytes, int version, String what, Reader<T> r) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int v = in.readUnsignedByte();
            if (v != version) {
                throw new IllegalArgumentException("version " + v + ", this gateway speaks " + version);
            }
            T t = r.read(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " trailing bytes");
            }
            return t;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated " + what + " (" + bytes.length + " bytes)");
        }
    }

    public static void name(DataOutputStream out, String s, int max) throws IOException {
        if (s.length() > max) {
            throw new IllegalArgumentException("name longer than " + max + ": " + s.substring(0, 16) + "...");
        }
        out.writeUTF(s);
    }

    public static String name(DataInputStream in, int max) throws IOException {
        String s;
        try {
            s = in.readUTF();
        } catch (UTFDataFormatException e) {
            throw new IllegalArgumentException("a name is not modified UTF-8");
        }
        if (s.length() > max) {
            throw new IllegalArgumentException("name longer than " + max);
        }
        return s;
    }
}
