package dev.wren.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.runtime.Reflective;
import org.junit.jupiter.api.Test;

import dev.wren.store.OutboxStats;

/** {@code wren:outbox} as the Gogo runtime calls it and as it prints sizes. */
class OutboxShellTest {

    @Test
    void sizesAreHumanReadableWithTheExactCountBeside() {
        String out = OutboxService.describe(new OutboxService.Settings(Path.of("/data/outbox"),
                new OutboxLimits(64L << 20, 1_000_000, 16 << 10, true), 0),
                new OutboxStats(12, 1_234_567, 2, 20, 0, 8, 0, 0, 1));
        assertTrue(out.contains("  held 12 messages, 1.2 MB (1234567 bytes) (bounds 1000000 messages, 67.1 MB, when full:"
                + " evict)"), out);
    }

    @Test
    void bytesForPeople() {
        assertEquals("0 B", Bytes.human(0));
        assertEquals("999 B", Bytes.human(999));
        assertEquals("1.0 kB", Bytes.human(999_999 / 1000 + 1));
        assertEquals("1.0 MB", Bytes.human(999_999));
        assertEquals("9.2 EB", Bytes.human(Long.MAX_VALUE));
    }

    @Test
    void missingExtraOrUnknownArgumentsGetTheUsage() throws Exception {
        OutboxService service = new OutboxService();
        assertEquals(OutboxService.USAGE, invoke(service, "salvage"));
        assertEquals(OutboxService.USAGE, invoke(service, "rescue", "/tmp/db"));
        assertEquals(OutboxService.USAGE, invoke(service, "salvage", "/tmp/db", "now"));
    }

    private static String invoke(Object target, Object... args) throws Exception {
        return (String) Reflective.invoke(null, target, "outbox", new ArrayList<>(List.of(args)));
    }

    @Test
    void everyOverloadAndParameterIsDescribedForHelp() {
        assertDescribed(OutboxService.class, "outbox");
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
