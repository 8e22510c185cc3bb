package dev.wren.guard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LogBudgetTest {

    @Test
    void linesOverTheBudgetAreLeftOutAndCounted() {
        LogBudget budget = new LogBudget(2);
        assertEquals(0, budget.take(0));
        assertEquals(0, budget.take(1));
        assertNull(budget.take(2));
        assertNull(budget.take(59_999));
        assertEquals(2, budget.take(60_000), "the next minute's first line says how many were left out");
        assertEquals(0, budget.take(60_001));
    }
}
