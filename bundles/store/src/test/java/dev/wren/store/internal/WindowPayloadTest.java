package dev.wren.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.wren.inference.Insight;
import dev.wren.sensor.Window;
import dev.wren.store.Message;

class WindowPayloadTest {

    private static final Insight INSIGHT = new Insight("pump", "imbalance", 0.93f, 1, "vibration-classifier", "1.0.0",
            3_072, 0, 50_000, 20_000, 100, true);

    private static Window window(int frames) {
        float[] s = new float[frames * 3];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (1.7 * Math.sin(i * 0.37) + (i % 3 == 2 ? 1 : 0));
        }
        return new Window("pump", List.of("accel.x", "accel.y", "accel.z"), "g", 2_048, 1000, s);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\"[^\"]*\"|[^,}]+)").matcher(json);
        assertTrue(m.find(), name + " in " + json.substring(0, Math.min(300, json.length())));
        return m.group(1).replace("\"", "");
    }

    @Test
    void aWindowDecodesToItsSamplesWithinHalfAStep() {
        Window w = window(1024);
        List<byte[]> parts = WindowPayload.parts(INSIGHT, w, 1024);
        assertEquals(1, parts.size());
        String json = new String(parts.get(0), StandardCharsets.UTF_8);
        assertTrue(MessageRules.isJsonObject(parts.get(0)));
        assertTrue(parts.get(0).length < 16 << 10, parts.get(0).length + " bytes: under the default payload limit");
        assertEquals("imbalance", field(json, "label"));
        assertEquals("2048", field(json, "start"));
        assertEquals("1000", field(json, "rate_hz"));
        assertTrue(json.contains("\"channels\":[\"accel.x\",\"accel.y\",\"accel.z\"]"), json.substring(0, 300));
        assertEquals(WindowPayload.ENCODING, field(json, "encoding"));
        double scale = Double.parseDouble(field(json, "scale"));
        float[] back = decode(field(json, "data"), scale);
        assertEquals(w.samples().length, back.length);
        for (int i = 0; i < back.length; i++) {
            assertEquals(w.samples()[i], back[i], scale / 2 + 1e-7, "sample " + i);
        }
    }

    @Test
    void aLongWindowIsSplitIntoPartsThatAddUp() {
        Window w = window(4096);
        List<byte[]> parts = WindowPayload.parts(INSIGHT, w, 1000);
        assertEquals(5, parts.size());
        int frames = 0;
        for (int p = 0; p < parts.size(); p++) {
            String json = new String(parts.get(p), StandardCharsets.UTF_8);
            assertEquals(String.valueOf(p + 1), field(json, "part"));
            assertEquals("5", field(json, "parts"));
            assertEquals(String.valueOf(frames), field(json, "first_frame"));
            int n = Integer.parseInt(field(json, "part_frames"));
            assertEquals(n * 3, decode(field(json, "data"), 1).length);
            frames += n;
        }
        assertEquals(4096, frames);
    }

    @Test
    void aSilentWindowHasScaleOne() {
        assertEquals(1.0, WindowPayload.scale(new float[30]));
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertTrue(refused(config("(severity>=", 7, 0, 1024, "{sensor}/window")).startsWith("windows.filter:"));
        assertTrue(refused(config("", 12, 0, 1024, "{sensor}/window")).startsWith("priority:"));
        assertTrue(refused(config("", 7, -1, 1024, "{sensor}/window")).startsWith("ttl.s:"));
        assertTrue(refused(config("", 7, 0, 10, "{sensor}/window")).startsWith("part.frames:"));
        assertTrue(refused(config("", 7, 0, 1024, "window")).startsWith("channel:"));
        assertEquals(new WindowOutboxSink.Settings(Message.BULK, 60_000, 512, "{sensor}/raw"),
                WindowOutboxSink.Settings.of(config("(severity>=1)", 7, 60, 512, " {sensor}/raw ")));
    }

    private static String refused(WindowOutboxSink.Config c) {
        return assertThrows(IllegalArgumentException.class, () -> WindowOutboxSink.Settings.of(c)).getMessage();
    }

    private static float[] decode(String base64, double scale) {
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (b.getShort() * scale);
        }
        return out;
    }

    private static WindowOutboxSink.Config config(String target, int priority, long ttl, int frames, String channel) {
        return new WindowOutboxSink.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return WindowOutboxSink.Config.class;
            }

            @Override
            public String windows_filter() {
                return target;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public long ttl_s() {
                return ttl;
            }

            @Override
            public int part_frames() {
                return frames;
            }

            @Override
            public String channel() {
                return channel;
            }

            @Override
            public String power_filter() {
                return "(power.mode=FULL)";
            }
        };
    }
}
