package dev.wren.gossip.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.runtime.Reflective;
import org.junit.jupiter.api.Test;

/** {@code wren:peers} as the Gogo runtime calls it and as it prints byte counts. */
class PeersShellTest {

    @Test
    void argumentsGetTheUsage() throws Exception {
        Gossip gossip = new Gossip();
        assertEquals("gossip off: not configured (cluster.keys required)\n",
                Reflective.invoke(null, gossip, "peers", new ArrayList<>()));
        assertEquals("usage: peers (takes no arguments)\n",
                Reflective.invoke(null, gossip, "peers", new ArrayList<>(List.of("gw-2"))));
    }

    @Test
    void byteCountsAreHumanReadableWithTheExactCount() {
        assertEquals("0 B", Console.bytes(0));
        assertEquals("999 B", Console.bytes(999));
        assertEquals("1.0 kB, 1000 B", Console.bytes(1000));
        assertEquals("1.2 MB, 1234567 B", Console.bytes(1_234_567));
        assertEquals("1.0 MB, 999999 B", Console.bytes(999_999));
    }

    @Test
    void everyOverloadAndParameterIsDescribedForHelp() {
        assertDescribed(Gossip.class, "peers");
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
