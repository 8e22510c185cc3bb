package dev.wren.inference.internal.spread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class WantsTest {

    @Test
    void namesAndRangesAreSplitAtTheCommasOutsideTheBrackets() {
        List<Wants.Rule> r = Wants.parse(" vibration-trigger@[1.0,2.0), vibration-classifier-int8 ,x@1.2 ");
        assertEquals(3, r.size());
        assertTrue(r.get(0).range().includes(new Version(1, 9, 9)));
        assertFalse(r.get(0).range().includes(new Version(2, 0, 0)));
        assertTrue(r.get(1).range().includes(new Version(0, 0, 1)), "no range: any version");
        assertFalse(r.get(2).range().includes(new Version(1, 1, 0)), "1.2 means 1.2 or higher");
        assertEquals(List.of(), Wants.parse(""));
        assertEquals(List.of(), Wants.parse(null));
    }

    @Test
    void anEntryThatIsNotARuleIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Wants.parse("a@[1,2),b@[x"))
                .getMessage().contains("'b@[x'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Wants.parse("@1.0")).getMessage()
                .contains("model name"));
        assertThrows(IllegalArgumentException.class, () -> Wants.parse("a b@1.0"));
    }
}
