package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The work-sharing bytes: round trips, and every malformed shape refused with a reason. */
class ShareWireTest {

    private static final ShareWire.Request REQUEST = new ShareWire.Request("vibration-v1", "vibration-trigger",
            "vibration-classifier", new float[] {1.5f, -2f, 0f, 3.25f});

    private static final ShareWire.Answer ANSWER = new ShareWire.Answer("vibration-trigger", "1.2.0", 0.9f, 0.5f, 1234,
            new ShareWire.Classified("vibration-classifier", "1.1.0", 0.6f, List.of("normal", "bearing_fault"),
                    new float[] {0.1f, 0.9f}, new int[] {0, 3}));

    @Test
    void aRequestAndAnAnswerComeBackAsTheyWent() {
        ShareWire.Request r = ShareWire.request(ShareWire.request(REQUEST));
        assertEquals(REQUEST.trigger(), r.trigger());
        assertEquals(REQUEST.classifier(), r.classifier());
        assertArrayEquals(REQUEST.values(), r.values());
        ShareWire.Answer a = ShareWire.answer(ShareWire.answer(ANSWER));
        assertEquals(ANSWER.triggerVersion(), a.triggerVersion());
        assertEquals(1234, a.inferNanos());
        assertEquals(List.of("normal", "bearing_fault"), a.classified().labels());
        assertArrayEquals(new int[] {0, 3}, a.classified().severity());
        assertTrue(a.fired());
        ShareWire.Answer quiet = new ShareWire.Answer("t", "1.0.0", 0.1f, 0.5f, 5, null);
        assertNull(ShareWire.answer(ShareWire.answer(quiet)).classified());
    }

    @Test
    void aRequestIsAFewDozenBytesNotAWindow() {
        float[] sixteen = new float[16];
        int size = ShareWire.request(new ShareWire.Request("vibration-v1", "vibration-trigger", "vibration-classifier",
                sixteen)).length;
        assertTrue(size < 128, "16 features in " + size + " bytes");
    }

    @Test
    void everyTruncationAndTrailingByteIsRefused() {
        for (byte[] whole : List.of(ShareWire.request(REQUEST), ShareWire.answer(ANSWER))) {
            boolean request = whole.length == ShareWire.request(REQUEST).length;
            for (int n = 0; n < whole.length; n++) {
                byte[] cut = Arrays.copyOf(whole, n);
                assertThrows(IllegalArgumentException.class, () -> parse(request, cut), "cut at " + n);
            }
            byte[] longer = Arrays.copyOf(whole, whole.length + 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(request, longer));
            assertTrue(e.getMessage().contains("trailing"), e.getMessage());
        }
    }

    @Test
    void otherVersionsCountsAndValuesAreRefusedWithTheReason() {
        byte[] b = ShareWire.request(REQUEST);
        b[0] = 2;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShareWire.request(b)).getMessage()
                .contains("version 2"));
        assertThrows(IllegalArgumentException.class, () -> ShareWire.request(new ShareWire.Request("v", "t", "", new float[0])));
        assertThrows(IllegalArgumentException.class, () -> ShareWire.request(new ShareWire.Request("v", "t", "", new float[65])));
        byte[] nan = ShareWire.request(new ShareWire.Request("v", "t", "", new float[] {Float.NaN}));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ShareWire.request(nan)).getMessage()
                .contains("not finite"));
        byte[] noTrigger = ShareWire.request(new ShareWire.Request("v", "", "", new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> ShareWire.request(noTrigger));
        byte[] badSeverity = ShareWire.answer(new ShareWire.Answer("t", "1", 1, 0.5f, 1,
                new ShareWire.Classified("c", "1", 0.5f, List.of("a"), new float[] {1}, new int[] {4})));
        assertThrows(IllegalArgumentException.class, () -> ShareWire.answer(badSeverity));
    }

    @Test
    void randomBytesNeverThrowAnythingButTheRefusal() {
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = new byte[random.nextInt(0, 200)];
            random.nextBytes(b);
            if (b.length > 0 && random.nextBoolean()) {
                b[0] = ShareWire.VERSION;
            }
            for (boolean request : new boolean[] {true, false}) {
                try {
                    parse(request, b);
                } catch (IllegalArgumentException refused) {
                    // the one way to say no
                }
            }
        }
    }

    private static Object parse(boolean request, byte[] b) {
        return request ? ShareWire.request(b) : ShareWire.answer(b);
    }
}
