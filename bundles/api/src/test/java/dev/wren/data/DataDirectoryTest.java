package dev.wren.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class DataDirectoryTest {

    private static final Path AREA = Path.of("/var/lib/felix/bundle7/data");
    private static final Path CWD = Path.of("").toAbsolutePath();

    private static Path resolve(Map<String, String> props) {
        return DataDirectory.resolve(props::get, () -> AREA);
    }

    @Test
    void theExplicitPropertyWinsOverKura() {
        assertEquals(Path.of("/srv/wren"), resolve(Map.of("wren.data.dir", "/srv/wren", "kura.home", "/opt/eclipse/kura",
                "kura.data", "/opt/eclipse/kura/data")));
    }

    @Test
    void aRelativeExplicitDirectoryIsTakenAgainstTheWorkingDirectoryAsWritten() {
        assertEquals(CWD.resolve("data"), resolve(Map.of("wren.data.dir", "data")));
        assertEquals(CWD.resolve("data"), resolve(Map.of("wren.data.dir", " ./x/../data ")));
    }

    @Test
    void insideKuraItIsWrenUnderKurasDataDirectory() {
        assertEquals(Path.of("/mnt/flash/kura-data/wren"),
                resolve(Map.of("kura.home", "/opt/eclipse/kura", "kura.data", "/mnt/flash/kura-data")));
    }

    @Test
    void insideKuraWithOnlyItsHomeItIsDataWrenUnderTheHome() {
        assertEquals(Path.of("/opt/eclipse/kura/data/wren"), resolve(Map.of("kura.home", "/opt/eclipse/kura")));
    }

    @Test
    void elsewhereItIsTheBundlesOwnAreaNeverTheWorkingDirectory() {
        Path p = resolve(Map.of());
        assertEquals(AREA, p);
        assertNotEquals(CWD, p);
    }

    @Test
    void blankPropertiesCountAsUnset() {
        assertEquals(AREA, resolve(Map.of("wren.data.dir", " ", "kura.data", "", "kura.home", "\t")));
        assertEquals(Path.of("/opt/eclipse/kura/data/wren"), resolve(Map.of("wren.data.dir", "", "kura.home", "/opt/eclipse/kura")));
    }

    @Test
    void withoutStorageAndWithoutPropertiesTheErrorNamesTheProperty() {
        Supplier<Path> none = () -> null;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DataDirectory.resolve(Map.<String, String>of()::get, none));
        assertTrue(e.getMessage().contains("wren.data.dir"), e.getMessage());
    }

    @Test
    void theBundleAreaIsAskedForOnlyWhenNoPropertyApplies() {
        Supplier<Path> fails = () -> {
            throw new AssertionError("bundle area asked for");
        };
        assertEquals(Path.of("/opt/eclipse/kura/data/wren"),
                DataDirectory.resolve(Map.of("kura.home", "/opt/eclipse/kura")::get, fails));
    }
}
