package dev.wren.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class EscapeTest {

    @Test
    void escapesControlSeparatorsAndBidiCharacters() {
        assertEquals("\"a\\nb\\r\\t\\u0000\\u001b[31m\\u2028\\u202e\\\\\\\"\"",
                Escape.text("a\nb\r\t\u0000\u001b[31m\u2028\u202e\\\""));
    }

    @Test
    void cutsLongValuesAndShowsArrays() {
        assertEquals("\"" + "y".repeat(Escape.SHOWN) + "\"... (1000 characters)", Escape.text("y".repeat(1000)));
        assertEquals("[\"1\", \"a\\nb\"]", Escape.value(List.of(1, "a\nb")));
        assertEquals("[\"3\"]", Escape.value(new int[] {3}));
    }
}
