package dev.wren.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void idFieldsGoFirst() {
        assertEquals("{\"id\":42,\"ts\":1763798400000,\"v\":21.4}", payload(42, 1763798400000L, "{\"v\":21.4}"));
        assertEquals("{\"id\":1,\"ts\":0,\"a\":{\"b\":[1,2]}}", payload(1, 0, "{\"a\":{\"b\":[1,2]}}"));
    }

    @Test
    void aRelayedMessageGoesOutWithItsOriginsIdTimeAndTopic() {
        dev.wren.store.Message relayed = new dev.wren.store.Message("air/t", "{\"v\":1}".getBytes(StandardCharsets.UTF_8),
                5, 0, new dev.wren.store.Message.Origin("gw-a", 42, 1763798400000L));
        dev.wren.store.Stored here = new dev.wren.store.Stored(900, 1763798499999L, relayed);
        assertEquals("{\"id\":42,\"ts\":1763798400000,\"v\":1}", new String(Wire.payload(here), StandardCharsets.UTF_8));
        Topics topics = new Topics(TopicTemplate.of(TopicTemplate.DEFAULT, "wren", "gw-c"));
        assertEquals("wren/gw-a/air/t", topics.of(relayed));
        assertEquals("wren/gw-c/air/t", topics.of(new dev.wren.store.Message("air/t", new byte[0], 5)));
    }

    @Test
    void emptyObject() {
        assertEquals("{\"id\":7,\"ts\":5}", payload(7, 5, "{}"));
        assertEquals("{\"id\":7,\"ts\":5}", payload(7, 5, " { \n } "));
    }

    @Test
    void whitespaceIsKept() {
        assertEquals("{\"id\":7,\"ts\":5, \"a\" : 1 }\n", payload(7, 5, "  { \"a\" : 1 }\n"));
    }

    @Test
    void numbersOfEveryLength() {
        long v = 0;
        for (int digits = 1; digits <= 19; digits++) {
            v = v * 10 + digits % 10;
            assertEquals("{\"id\":" + v + ",\"ts\":" + v + "}", payload(v, v, "{}"));
        }
        assertEquals("{\"id\":" + Long.MAX_VALUE + ",\"ts\":-1}", payload(Long.MAX_VALUE, -1, "{}"));
        assertEquals("{\"id\":9,\"ts\":" + Long.MIN_VALUE + "}", payload(9, Long.MIN_VALUE, "{}"));
    }

    @Test
    void notAnObjectIsSentUnchanged() {
        byte[] raw = "[1,2]".getBytes(StandardCharsets.UTF_8);
        assertSame(raw, Wire.payload(1, 2, raw));
    }

    private static String payload(long id, long ts, String json) {
        return new String(Wire.payload(id, ts, json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
