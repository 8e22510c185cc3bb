package dev.wren.models.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void numbersAreTheShortestThatReadBackTheSame() {
        assertEquals("0.1", Json.number(0.1f));
        assertEquals("0.1", Json.number(0.1));
        assertEquals("0", Json.number(-0f));
        assertEquals("-2.5", Json.number(-2.5f));
        assertEquals("100", Json.number(100f));
        assertEquals("0.000000001", Json.number(1e-9));
        assertEquals("0.33333334", Json.number(1f / 3));
        assertEquals("16777216", Json.number(16777216f));
    }

    @Test
    void objectsKeepTheirOrder() {
        assertEquals("{\n  \"b\": 1,\n  \"a\": [0.5, \"x\"]\n}\n",
                Json.write(ModelBundle.ordered("b", 1, "a", List.of(0.5f, "x"))));
    }
}
