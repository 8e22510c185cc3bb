package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecisionTest {

    private static final float[] NORMAL = {0.9f, 0.05f, 0.03f, 0.02f};
    private static final float[] FAULT = {0.1f, 0.05f, 0.05f, 0.8f};
    private static final float[] BORDER = {0.5f, 0.0f, 0.0f, 0.5f};

    @Test
    void aConditionIsTakenOnlyAfterItPersistsForTheDebounce() {
        Decision d = new Decision(3, 0.15);
        assertEquals(0, d.update(FAULT, 4, 0.6));
        assertEquals(0, d.update(FAULT, 4, 0.6));
        assertEquals(0, d.update(NORMAL, 4, 0.6), "a burst of two does not flip it");
        assertEquals(0, d.update(FAULT, 4, 0.6));
        assertEquals(0, d.update(FAULT, 4, 0.6));
        assertEquals(3, d.update(FAULT, 4, 0.6));
    }

    @Test
    void aScoreHoveringAtTheThresholdNeverMakesItFlap() {
        Decision d = new Decision(1, 0.15);
        assertEquals(3, d.update(FAULT, 4, 0.6));
        for (int i = 0; i < 10; i++) {
            assertEquals(3, d.update(BORDER, 4, 0.45), "the fault's own score is above entry - hysteresis");
        }
        assertEquals(0, d.update(NORMAL, 4, 0.6));
    }

    @Test
    void scoresBelowTheEntryScoreChangeNothing() {
        Decision d = new Decision(1, 0.15);
        float[] weak = {0.3f, 0.2f, 0.2f, 0.35f};
        for (int i = 0; i < 5; i++) {
            assertEquals(0, d.update(weak, 4, 0.6));
        }
    }
}
