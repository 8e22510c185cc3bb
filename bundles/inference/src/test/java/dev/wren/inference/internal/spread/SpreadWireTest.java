package dev.wren.inference.internal.spread;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class SpreadWireTest {

    private static final String SHA = "ab".repeat(32);

    @Test
    void aRequestAndAPartComeBackAsTheyWent() {
        SpreadWire.Request r = SpreadWire.request(SpreadWire.request(new SpreadWire.Request("vibration-trigger", "1.1.0",
                262_144, 262_144)));
        assertEquals("vibration-trigger", r.model());
        assertEquals(262_144, r.offset());
        SpreadWire.Part p = SpreadWire.part(SpreadWire.part("dev.wren.model.x-1.1.0", "1.1.0", 10, SHA, new byte[] {1, 2, 3}),
                7);
        assertEquals(10, p.size());
        assertEquals(SHA, p.sha256());
        assertArrayEquals(new byte[] {1, 2, 3}, p.bytes());
    }

    @Test
    void malformedPartsAreRefused() {
        byte[] whole = SpreadWire.part("b", "1.0.0", 10, SHA, new byte[] {1, 2, 3});
        for (int n = 0; n < whole.length; n++) {
            byte[] cut = Arrays.copyOf(whole, n);
            assertThrows(IllegalArgumentException.class, () -> SpreadWire.part(cut, 0), "cut at " + n);
        }
        assertThrows(IllegalArgumentException.class, () -> SpreadWire.part(Arrays.copyOf(whole, whole.length + 1), 0));
        assertThrows(IllegalArgumentException.class, () -> SpreadWire.part(whole, 8), "past the announced size");
        assertThrows(IllegalArgumentException.class, () -> SpreadWire.part(SpreadWire.part("b", "1", 3, "not-a-sha",
                new byte[0]), 0));
        assertThrows(IllegalArgumentException.class, () -> SpreadWire.request(SpreadWire.request(
                new SpreadWire.Request("m", "1", -1, 10))));
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 3_000; i++) {
            byte[] b = new byte[random.nextInt(0, 120)];
            random.nextBytes(b);
            if (b.length > 0) {
                b[0] = SpreadWire.VERSION;
            }
            try {
                SpreadWire.part(b, 0);
            } catch (IllegalArgumentException refused) {
                // the one way to say no
            }
            try {
                SpreadWire.request(b);
            } catch (IllegalArgumentException refused) {
                // the one way to say no
            }
        }
    }
}
