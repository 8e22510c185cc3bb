package dev.wren.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.felix.gogo.runtime.Reflective;
import org.junit.jupiter.api.Test;

/** {@code wren:sensors} as the Gogo runtime calls it. */
class SensorsShellTest {

    @Test
    void argumentsGetTheUsage() throws Exception {
        try (Rig rig = new Rig(Map.of())) {
            assertTrue(((String) Reflective.invoke(null, rig.sampler, "sensors", new ArrayList<>()))
                    .startsWith("mode FULL, 0 sensor(s)"));
            assertEquals("usage: sensors (takes no arguments; wren:readings <sensor> shows one sensor's values)",
                    Reflective.invoke(null, rig.sampler, "sensors", new ArrayList<>(List.of("gw"))));
        }
    }

    @Test
    void everyOverloadAndParameterIsDescribedForHelp() {
        assertDescribed(Sampler.class, "sensors");
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
