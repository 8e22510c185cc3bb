package dev.wren.inference.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of work sharing on the peer channel: a gateway's feature vector going to a peer, and
 * what the peer's models made of it. Version 1, big-endian, strings as modified UTF-8 of at most
 * {@value #MAX_NAME} bytes:
 * <pre>
 * request: 1, features, trigger, classifier ("" = none), count (u8), count x float32
 * answer:  1, trigger, version, unusual, fire, inferNanos (i64), classified (u8 0|1)
 *          [model, version, enter, labels (u8), labels x (label, score float32, severity u8)]
 * </pre>
 * Anything else (other version, counts out of bounds, non-finite values, trailing bytes) is refused
 * with an {@link IllegalArgumentException} naming what is wrong.
 */
final class ShareWire {

    static final String SERVICE = "inference.features";
    static final int VERSION = 1;
    static final int MAX_NAME = 64;
    static final int MAX_FEATURES = 64;
    static final int MAX_LABELS = 16;

    /** A feature vector of one analysis window, unnormalised, for the named models. */
    record Request(String features, String trigger, String classifier, float[] values) {
    }

    /** The classifier's outcome: its scores in the order of its labels, with each label's severity. */
    record Classified(String model, String version, float enter, List<String> labels, float[] scores, int[] severity) {
    }

    /** The peer's answer: the trigger's score, and the classifier's when the trigger fired and one was asked for. */
    record Answer(String trigger, String triggerVersion, float unusual, float fire, long inferNanos,
            Classified classified) {

        boolean fired() {
            return unusual >= fire;
        }
    }

    private ShareWire() {
    }

    static byte[] request(Request r) {
        return Wire.write(VERSION, out -> {
            name(out, r.features());
            name(out, r.trigger());
            name(out, r.classifier());
            count(r.values().length, MAX_FEATURES, "features");
            out.writeByte(r.values().length);
            for (float v : r.values()) {
                out.writeFloat(v);
            }
        });
    }

    static Request request(byte[] bytes) {
        return Wire.read(bytes, VERSION, "request", in -> {
            String features = name(in);
            String trigger = name(in);
            String classifier = name(in);
            float[] values = new float[count(in.readUnsignedByte(), MAX_FEATURES, "features")];
            for (int i = 0; i < values.length; i++) {
                values[i] = finite(in.readFloat(), "feature " + i);
            }
            if (trigger.isEmpty()) {
                throw new IllegalArgumentException("no trigger model named");
            }
            return new Request(features, trigger, classifier, values);
        });
    }

    static byte[] answer(Answer a) {
        return Wire.write(VERSION, out -> {
            name(out, a.trigger());
            name(out, a.triggerVersion());
            out.writeFloat(a.unusual());
            out.writeFloat(a.fire());
            out.writeLong(a.inferNanos());
            Classified c = a.classified();
            out.writeByte(c == null ? 0 : 1);
            if (c != null) {
                name(out, c.model());
                name(out, c.version());
                out.writeFloat(c.enter());
                count(c.labels().size(), MAX_LABELS, "labels");
                out.writeByte(c.labels().size());
                for (int i = 0; i < c.labels().size(); i++) {
                    name(out, c.labels().get(i));
                    out.writeFloat(c.scores()[i]);
                    out.writeByte(c.severity()[i]);
                }
            }
        });
    }

    static Answer answer(byte[] bytes) {
        return Wire.read(bytes, VERSION, "answer", in -> {
            String trigger = name(in);
            String version = name(in);
            float unusual = finite(in.readFloat(), "unusual");
            float fire = finite(in.readFloat(), "fire");
            long inferNanos = in.readLong();
            if (inferNanos < 0) {
                throw new IllegalArgumentException("negative inference time");
            }
            int flag = in.readUnsignedByte();
            if (flag > 1) {
                throw new IllegalArgumentException("classified flag " + flag);
            }
            Classified c = null;
            if (flag == 1) {
                String model = name(in);
                String cv = name(in);
                float enter = finite(in.readFloat(), "enter");
                int n = count(in.readUnsignedByte(), MAX_LABELS, "labels");
                List<String> labels = new ArrayList<>(n);
                float[] scores = new float[n];
                int[] severity = new int[n];
                for (int i = 0; i < n; i++) {
                    labels.add(name(in));
                    scores[i] = finite(in.readFloat(), "score " + i);
                    severity[i] = in.readUnsignedByte();
                    if (severity[i] > 3) {
                        throw new IllegalArgumentException("severity " + severity[i]);
                    }
                }
                c = new Classified(model, cv, enter, List.copyOf(labels), scores, severity);
            }
            return new Answer(trigger, version, unusual, fire, inferNanos, c);
        });
    }

    private static void name(DataOutputStream out, String s) throws IOException {
        Wire.name(out, s, MAX_NAME);
    }

    private static String name(DataInputStream in) throws IOException {
        return Wire.name(in, MAX_NAME);
    }

    private static int count(int n, int max, String what) {
        if (n < 1 || n > max) {
            throw new IllegalArgumentException(what + ": " + n + ", must be 1 to " + max);
        }
        return n;
    }

    private static float finite(float v, String what) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException(what + " is not finite");
        }
        return v;
    }
}
