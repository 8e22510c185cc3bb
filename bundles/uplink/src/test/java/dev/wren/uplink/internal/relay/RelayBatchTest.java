package dev.wren.uplink.internal.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.wren.store.Message;

class RelayBatchTest {

    private static final long NOW = 1_763_798_400_000L;

    private static Message message(String gateway, long id, long ttl) {
        return new Message("air/t", ("{\"v\":" + id + "}").getBytes(StandardCharsets.UTF_8), 5, ttl,
                new Message.Origin(gateway, id, NOW - 1_000));
    }

    @Test
    void aBatchKeepsEachMessagesOriginAndTheTimeItHasLeft() {
        List<Message> sent = List.of(message("gw-a", 1, 0), message("gw-a", 2, 60_000), message("gw-b", 7, 500));
        List<Message> got = RelayBatch.decode(RelayBatch.encode(sent, NOW));
        assertEquals(3, got.size());
        assertEquals(sent.get(0).origin(), got.get(0).origin());
        assertEquals(0, got.get(0).ttlMillis(), "never expires stays never");
        assertEquals(59_000, got.get(1).ttlMillis(), "a minute from its creation a second ago: 59 s left");
        assertEquals(1, got.get(2).ttlMillis(), "expired on the way: the receiving outbox drops it at once");
        assertArrayEquals(sent.get(1).payload(), got.get(1).payload());
        assertEquals("air/t", got.get(1).channel());
        assertEquals(5, got.get(1).priority());
    }

    @Test
    void everyTruncationAndTrailingBytesAndABadVersionOrCountAreRefusedWhole() {
        byte[] ok = RelayBatch.encode(List.of(message("gw-a", 1, 0), message("gw-a", 2, 0)), NOW);
        for (int n = 0; n < ok.length; n++) {
            byte[] cut = Arrays.copyOf(ok, n);
            assertThrows(IllegalArgumentException.class, () -> RelayBatch.decode(cut), "cut at " + n);
        }
        byte[] longer = Arrays.copyOf(ok, ok.length + 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RelayBatch.decode(longer)).getMessage()
                .contains("after the last message"));
        byte[] version = ok.clone();
        version[0] = 9;
        assertThrows(IllegalArgumentException.class, () -> RelayBatch.decode(version));
        byte[] count = ok.clone();
        count[1] = 0x7f;
        assertThrows(IllegalArgumentException.class, () -> RelayBatch.decode(count));
        Random r = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            byte[] noise = new byte[r.nextInt(200)];
            r.nextBytes(noise);
            try {
                RelayBatch.decode(noise);
            } catch (IllegalArgumentException expected) {
                // refused by name; nothing else may escape
            }
        }
    }

    @Test
    void anAnswerClaimingMoreThanWasSentIsRefused() {
        assertEquals(new RelayBatch.Answer(2, "message 3 refused here: full"),
                RelayBatch.readAnswer(RelayBatch.answer(2, "message 3 refused here: full"), 3));
        assertThrows(IllegalArgumentException.class, () -> RelayBatch.readAnswer(RelayBatch.answer(4, ""), 3));
        assertThrows(IllegalArgumentException.class, () -> RelayBatch.readAnswer(new byte[] {0, 0}, 3));
    }
}
