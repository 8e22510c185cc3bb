package dev.wren.feature.packager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PackagerTest {

    @Test
    void aSnapshotTakesTheBuildQualifierAndAReleaseKeepsItsOwn() {
        assertEquals("0.2.0.20261204170500", Packager.osgiVersion("0.2.0-SNAPSHOT", "20261204170500"));
        assertEquals("1.0.0.20261204170500", Packager.osgiVersion("1.0.0", "20261204170500"));
        assertEquals("1.2.0.20261204170500", Packager.osgiVersion("1.2", "20261204170500"));
        assertEquals("1.0.0.rc1", Packager.osgiVersion("1.0.0-rc1", "20261204170500"));
    }

    @Test
    void theRequirementResourceIsNamedInWordsDeploymentAdminAccepts() {
        assertEquals("needs/dev.wren.feature.base/from-0.1-below-0.2",
                Packager.resourceName("dev.wren.feature.base", "[0.1,0.2)"));
        assertEquals("needs/dev.wren.feature.base/above-0.1-to-0.2", Packager.resourceName("dev.wren.feature.base", "(0.1,0.2]"));
        assertEquals("needs/dev.wren.feature.base/from-0.1", Packager.resourceName("dev.wren.feature.base", "0.1"));
        assertThrows(IllegalArgumentException.class, () -> Packager.resourceName("a b", "0.1"));
    }
}
