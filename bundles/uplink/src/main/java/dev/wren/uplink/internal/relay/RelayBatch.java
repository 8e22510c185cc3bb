package dev.wren.uplink.internal.relay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import dev.wren.store.Message;

/**
 * The bytes of a relay call: a version byte, a count, then per message its origin (gateway, id,
 * time), priority, the time it has left to live (0 = never expires), channel and payload; the
 * answer is how many of them, from the first, the peer stored durably, and words about the rest.
 * Anything else (a short read, trailing bytes, a count or a length out of bounds, another version)
 * is malformed and refused whole.
 */
final class RelayBatch {

    static final int VERSION = 1;
    static final int MAX_MESSAGES = 10_000;

    /** What the peer answered. */
    record Answer(int stored, String note) {
    }

    private RelayBatch() {
    }

    /** @param messages each with its origin set */
    static byte[] encode(List<Message> messages, long now) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeByte(VERSION);
            out.writeInt(messages.size());
            for (Message m : messages) {
                Message.Origin o = m.origin();
                out.writeUTF(o.gateway());
                out.writeLong(o.id());
                out.writeLong(o.created());
                out.writeByte(m.priority());
                out.writeLong(m.ttlMillis() == 0 ? 0 : Math.max(1, o.created() + m.ttlMillis() - now));
                out.writeUTF(m.channel());
                out.writeInt(m.payload().length);
                out.write(m.payload());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /**
     * @return the messages with their origin and the time they have left as their time to live
     * @throws IllegalArgumentException malformed, saying where
     */
    static List<Message> decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("relay batch version " + version + ", this gateway reads " + VERSION);
            }
            int n = in.readInt();
            if (n < 0 || n > MAX_MESSAGES) {
                throw new IllegalArgumentException("relay batch of " + n + " messages, 0 to " + MAX_MESSAGES + " allowed");
            }
            List<Message> out = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                Message.Origin o = new Message.Origin(in.readUTF(), in.readLong(), in.readLong());
                int priority = in.readUnsignedByte();
                long ttl = in.readLong();
                String channel = in.readUTF();
                int len = in.readInt();
                if (len < 0 || len > in.available()) {
                    throw new IllegalArgumentException("message " + (i + 1) + ": a payload of " + len + " bytes, "
                            + in.available() + " left in the batch");
                }
                byte[] payload = in.readNBytes(len);
                out.add(new Message(channel, payload, priority, ttl, o));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes after the last message");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("relay batch cut short: " + e);
        }
    }

    static byte[] answer(int stored, String note) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeInt(stored);
            out.writeUTF(note.length() > 500 ? note.substring(0, 500) : note);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** @throws IllegalArgumentException malformed */
    static Answer readAnswer(byte[] bytes, int sent) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int stored = in.readInt();
            String note = in.readUTF();
            if (stored < 0 || stored > sent || in.available() > 0) {
                throw new IllegalArgumentException("relay answer says " + stored + " of " + sent + " stored");
            }
            return new Answer(stored, note);
        } catch (IOException e) {
            throw new IllegalArgumentException("relay answer cut short: " + e);
        }
    }
}
