package dev.wren.hardware.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.gogo.runtime.Reflective;
import org.junit.jupiter.api.Test;

import dev.wren.hardware.simulator.ManualClock;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.Vibration;

class SimShellTest {

    private final SimBoard board = new SimBoard(new ManualClock(), 1);

    @Test
    void missingArgumentsAnswerWithOneLineOfUsage() {
        for (String[] words : new String[][] {{"vibration"}, {"fault"}, {"fault", "1:0x76"}, {"line", "3"},
                {"external"}, {"battery"}, {""}, {"bogus", "1"}}) {
            String answer = Simulator.apply(board, words);
            assertTrue(answer.startsWith("refused: "), answer);
            assertFalse(answer.contains("\n"), answer);
            assertFalse(answer.contains("Exception"), answer);
        }
        assertEquals("refused: 'vibration' needs 1 argument(s): vibration normal|imbalance|misalignment|bearing-fault"
                + " [<severity 0-10>]", Simulator.apply(board, "vibration"));
        assertTrue(Simulator.apply(board, "bogus").contains("(temperature, pressure, humidity, fault, line, vibration,"));
    }

    @Test
    void badAndExtraArgumentsAreRefused() {
        assertTrue(Simulator.apply(board, "vibration", "wobble").contains("vibration must be normal"));
        assertTrue(Simulator.apply(board, "fault", "1:0x76", "melt").contains("fault kind must be"));
        assertTrue(Simulator.apply(board, "battery", "50", "60").contains("takes at most 1"));
        assertTrue(Simulator.apply(board, "battery", "lots").contains("not a number"));
    }

    @Test
    void aGoodCommandIsApplied() {
        assertEquals("ok", Simulator.apply(board, "vibration", "imbalance", "4"));
        assertEquals(Vibration.Condition.IMBALANCE, board.vibration().condition());
    }

    @Test
    void theShellReachesTheVarargsMethodWithAnyNumberOfWords() throws Exception {
        Simulator sim = new Simulator();
        var field = Simulator.class.getDeclaredField("board");
        field.setAccessible(true);
        field.set(sim, board);
        assertTrue(invoke(sim).startsWith("Simulated chips:"));
        assertTrue(invoke(sim, "vibration").startsWith("refused: 'vibration' needs 1 argument(s)"));
        assertEquals("ok", invoke(sim, "vibration", "normal"));
    }

    private static String invoke(Object target, Object... args) throws Exception {
        return (String) Reflective.invoke(null, target, "sim", new ArrayList<>(List.of(args)));
    }

    @Test
    void everyOverloadAndParameterIsDescribedForHelp() {
        assertDescribed(Simulator.class, "sim");
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
        assertTrue(overloads >= 1, type + "." + function);
    }
}
