package dev.wren.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void everyOverloadAndParameterIsDescribedForHelp() {
        assertDescribed(MqttUplink.class, "uplink");
    }

    private static void assertDescribed(Class<?> type, String function) {
        int overloads = 0;
        for (java.lang.reflect.Method m : type.getMethods()) {
            if (m.getName().equals(function)) {
                overloads++;
                org.junit.jupiter.api.Assertions.assertNotNull(
                        m.getAnnotation(org.apache.felix.service.command.Descriptor.class), m.toString());
                for (java.lang.reflect.Parameter p : m.getParameters()) {
                    org.junit.jupiter.api.Assertions.assertNotNull(
                            p.getAnnotation(org.apache.felix.service.command.Descriptor.class), m + " " + p);
                }
            }
        }
        assertTrue(overloads >= 2, type + "." + function + ": a method for the arguments and one for the usage");
    }
}
