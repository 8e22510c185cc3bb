package dev.wren.feature.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

class RequirementTest {

    private static final String FEATURE = "dev.wren.feature.drivers";

    private static Requirement read(String text) throws IOException {
        return Requirement.read("r", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aMissingBaseIsNamedWithTheRangeAndWhatToDo() throws IOException {
        Requirement r = read("dev.wren.feature.base=[0.1,0.2)\n");
        assertEquals("dev.wren.feature.drivers needs dev.wren.feature.base [0.1.0,0.2.0), which is not installed:"
                + " install dev.wren.feature.base first", r.refusal(FEATURE, null));
    }

    @Test
    void aBaseOutsideTheRangeIsNamedWithTheInstalledVersion() throws IOException {
        Requirement r = read("dev.wren.feature.base=[0.1,0.2)");
        assertEquals("dev.wren.feature.drivers needs dev.wren.feature.base [0.1.0,0.2.0), dev.wren.feature.base"
                + " 0.2.0.20270101000000 is installed", r.refusal(FEATURE, Version.parseVersion("0.2.0.20270101000000")));
        assertEquals("dev.wren.feature.drivers needs dev.wren.feature.base [0.1.0,0.2.0), dev.wren.feature.base"
                + " 0.0.9 is installed", r.refusal(FEATURE, Version.parseVersion("0.0.9")));
    }

    @Test
    void aBaseInTheRangeSatisfiesWhateverItsQualifier() throws IOException {
        Requirement r = read("dev.wren.feature.base=[0.1,0.2)");
        assertNull(r.refusal(FEATURE, Version.parseVersion("0.1.0.20261204170500")));
        assertNull(r.refusal(FEATURE, Version.parseVersion("0.1.9")));
    }

    @Test
    void aMalformedResourceIsRefusedByName() {
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> read("a=[0,1)\nb=[0,1)"));
        assertEquals("requirement resource 'r' must hold one line <package>=<version range>, it holds 2",
                two.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> read("a=[0.2,0.1"));
        assertEquals(true, range.getMessage().startsWith("requirement resource 'r': '[0.2,0.1' is not a version range"),
                range.getMessage());
    }
}
