package dev.wren.store.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.wren.inference.Insight;
import dev.wren.sensor.Window;

/**
 * A raw window as JSON messages of at most {@code partFrames} frames each: the insight's verdict,
 * the window's timing and channels, and the samples as little-endian 16-bit integers in base64
 * ({@code "encoding":"int16le-base64"}), value = integer x {@code scale}. The scale is the
 * window's largest magnitude / 32767, shared by all parts, so the error is at most half a step
 * (an MPU-6050 delivers 16 bits in the first place). All parts of a window share {@code start};
 * {@code part} counts from 1 to {@code parts}.
 */
final class WindowPayload {

    static final String ENCODING = "int16le-base64";

    private WindowPayload() {
    }

    static double scale(float[] samples) {
        float max = 0;
        for (float v : samples) {
            max = Math.max(max, Math.abs(v));
        }
        return max == 0 ? 1 : max / 32767.0;
    }

    static List<byte[]> parts(Insight insight, Window window, int partFrames) {
        int channels = window.channels().size();
        int frames = window.frames();
        int parts = Math.max(1, (frames + partFrames - 1) / partFrames);
        double scale = scale(window.samples());
        List<byte[]> out = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int first = p * partFrames;
            int n = Math.min(partFrames, frames - first);
            out.add(json(insight, window, scale, p + 1, parts, first, n, encode(window.samples(), first * channels,
                    n * channels, scale)));
        }
        return out;
    }

    private static String encode(float[] samples, int from, int count, double scale) {
        ByteBuffer b = ByteBuffer.allocate(count * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < from + count; i++) {
            b.putShort((short) Math.max(-32767, Math.min(32767, Math.round(samples[i] / scale))));
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static byte[] json(Insight i, Window w, double scale, int part, int parts, int first, int n, String data) {
        StringBuilder b = new StringBuilder(data.length() + 512).append('{');
        Json.field(b, "sensor", w.sensor()).append(',');
        Json.field(b, "label", i.label()).append(',');
        Json.field(b, "score", Math.round(i.score() * 1000) / 1000.0).append(',');
        Json.field(b, "severity", i.severity()).append(',');
        Json.field(b, "model", i.model()).append(',');
        Json.field(b, "version", i.modelVersion()).append(',');
        Json.field(b, "start", w.start()).append(',');
        Json.field(b, "rate_hz", w.rateHz()).append(',');
        Json.field(b, "unit", w.unit()).append(',');
        Json.string(b, "channels").append(":[");
        for (int c = 0; c < w.channels().size(); c++) {
            Json.string(c == 0 ? b : b.append(','), w.channels().get(c));
        }
        b.append("],");
        Json.field(b, "frames", w.frames()).append(',');
        Json.field(b, "part", part).append(',');
        Json.field(b, "parts", parts).append(',');
        Json.field(b, "first_frame", first).append(',');
        Json.field(b, "part_frames", n).append(',');
        Json.field(b, "encoding", ENCODING).append(',');
        Json.field(b, "scale", scale).append(',');
        Json.field(b, "data", data);
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
