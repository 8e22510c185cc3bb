package dev.wren.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.runtime.Reflective;
import org.junit.jupiter.api.Test;

import dev.wren.store.OutboxStats;

/** {@code wren:uplink} as the Gogo runtime calls it and as it prints the outbox. */
class UplinkShellTest {

    @Test
    void theOutboxSizeIsHumanReadableWithTheExactCountBeside() {
        assertEquals("stored 3 (45.3 kB, 45300 bytes), in flight 1; accepted 9, delivered 6, resent 0, evicted 0,"
                + " expired 0, rejected 0", MqttUplink.outbox(new OutboxStats(3, 45_300, 1, 9, 0, 6, 0, 0, 0)));
    }

    @Test
    void argumentsGetTheUsage() throws Exception {
        assertEquals("usage: uplink (takes no arguments)",
                Reflective.invoke(null, new MqttUplink(), "uplink", new ArrayList<>(List.of("connect"))));
    }
}
