package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.felix.gogo.runtime.Reflective;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code wren:models} and {@code wren:pipeline} as the Gogo runtime calls them: usage for wrong arguments, pins of installed versions only. */
class ModelsShellTest {

    private static final Fixtures.Files CLASSIFIER = Fixtures.model("vibration-classifier");
    private static final String NAME = "vibration-classifier";

    private final Registry registry = new Registry((name, what) -> { });
    private final Models models = new Models();

    @BeforeEach
    void install() throws Exception {
        registry.settings(new Registry.Settings(Map.of(), false, 10, 0.9));
        registry.add(CLASSIFIER.as("1.0.0").load(1));
        registry.add(CLASSIFIER.as("1.1.0").load(2));
        var field = Models.class.getDeclaredField("registry");
        field.setAccessible(true);
        field.set(models, registry);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void missingExtraOrUnknownArgumentsAnswerWithTheUsage() throws Exception {
        assertEquals(Models.USAGE, invoke("pin"));
        assertEquals(Models.USAGE, invoke("pin", NAME));
        assertEquals(Models.USAGE, invoke("pin", NAME, "1.0.0", "now"));
        assertEquals(Models.USAGE, invoke("unpin"));
        assertEquals(Models.USAGE, invoke("frobnicate", NAME));
        assertEquals(Models.USAGE, invoke("frobnicate", NAME, "1.0.0"));
        assertTrue(invoke().startsWith(NAME + "\n  1.1.0 "), invoke());
    }

    @Test
    void aVersionThatIsNotInstalledIsRefusedWithTheInstalledOnes() throws Exception {
        assertEquals(NAME + " 9.9.9 is not installed; installed versions: 1.0.0, 1.1.0\n", invoke("pin", NAME, "9.9.9"));
        assertEquals("no version of vibration-trigger is installed; installed models: " + NAME + "\n",
                invoke("pin", "vibration-trigger", "1.0.0"));
        assertTrue(invoke("pin", NAME, "one").startsWith("not a version: 'one'"));
        assertNull(Models.refusal(registry, NAME, "1.0.0"), "an installed version may be pinned");
        assertNull(Models.refusal(registry, NAME, "1.1"), "1.1 is 1.1.0");
    }

    @Test
    void thePipelineTakesNoArguments() throws Exception {
        Pipeline pipeline = new Pipeline();
        assertTrue(((String) Reflective.invoke(null, pipeline, "pipeline", new ArrayList<>())).startsWith("power mode FULL; "));
        assertEquals("usage: pipeline (takes no arguments)\n",
                Reflective.invoke(null, pipeline, "pipeline", new ArrayList<>(List.of("now"))));
    }

    private String invoke(Object... args) throws Exception {
        return (String) Reflective.invoke(null, models, "models", new ArrayList<>(List.of(args)));
    }

    @Test
    void everyOverloadAndParameterIsDescribedForHelp() {
        assertDescribed(Models.class, "models");
        assertDescribed(Pipeline.class, "pipeline");
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
