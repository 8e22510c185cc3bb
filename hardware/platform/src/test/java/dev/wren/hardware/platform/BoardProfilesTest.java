package dev.wren.hardware.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.hardware.BoardProfile;

class BoardProfilesTest {

    /** The profiles as they are in the source tree, which the bundle packs under {@code boards/}. */
    private final BoardProfiles profiles = new BoardProfiles(file -> {
        try {
            return Files.newInputStream(Path.of("../boards", file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    static Platform.Config config(Map<String, Object> overrides) {
        return (Platform.Config) Proxy.newProxyInstance(Platform.Config.class.getClassLoader(),
                new Class<?>[] {Platform.Config.class}, (proxy, method, args) -> {
                    Object v = overrides.get(method.getName().replace('_', '.'));
                    return v != null ? v : method.getDefaultValue();
                });
    }

    @Test
    void detectsBoardsFromTheirModelStrings() {
        assertEquals("raspberrypi-4", profiles.detect("Raspberry Pi 4 Model B Rev 1.4"));
        assertEquals("raspberrypi-4", profiles.detect("Raspberry Pi Compute Module 4 Rev 1.0"));
        assertEquals("raspberrypi-4", profiles.detect("Raspberry Pi 400 Rev 1.0"));
        assertEquals("raspberrypi-5", profiles.detect("Raspberry Pi 5 Model B Rev 1.0"));
        assertEquals("raspberrypi-5", profiles.detect("Raspberry Pi Compute Module 5 Rev 1.0"));
        assertEquals("generic-aarch64", profiles.detect("NXP i.MX8MPlus EVK board"));
        assertEquals("generic-aarch64", profiles.detect("Raspberry Pi 3 Model B Plus Rev 1.3"));
        assertEquals(BoardProfile.SIMULATED, profiles.detect(""));
    }

    @Test
    void raspberryPiProfilesMapTheHeader() {
        for (String name : List.of("raspberrypi-4", "raspberrypi-5", BoardProfile.SIMULATED)) {
            BoardProfile p = profiles.profile(name, "", List.of(), "");
            assertEquals(28, p.headerPins().size(), name);
            assertEquals(17, p.headerPins().get(11), name + ": pin 11 is GPIO17");
            assertEquals(2, p.headerPins().get(3), name + ": pin 3 is SDA, GPIO2");
            assertEquals(3, p.headerPins().get(5), name + ": pin 5 is SCL, GPIO3");
            assertEquals(27, p.headerPins().get(13), name + ": pin 13 is GPIO27");
            assertNull(p.headerPins().get(1), name + ": pin 1 is 3V3, no line");
            assertEquals(List.of(1), p.i2cBuses(), name);
            assertEquals("gpiochip0", p.gpioChip(), name);
        }
        assertTrue(profiles.profile("generic-aarch64", "", List.of(), "").headerPins().isEmpty());
    }

    @Test
    void profileCarriesNameDescriptionAndModel() {
        BoardProfile p = profiles.profile("raspberrypi-5", "Raspberry Pi 5 Model B Rev 1.0", List.of(), "");
        assertEquals("raspberrypi-5", p.name());
        assertTrue(p.description().startsWith("Raspberry Pi 5"), p.description());
        assertEquals("Raspberry Pi 5 Model B Rev 1.0", p.model());
        assertFalse(p.simulated());
        assertTrue(profiles.profile(BoardProfile.SIMULATED, "", List.of(), "").simulated());
        assertEquals(List.of(0, 1), profiles.profile("generic-aarch64", "", List.of(), "").i2cBuses());
    }

    @Test
    void configurationOverridesBusesAndChip() {
        BoardProfile p = profiles.profile("raspberrypi-5", "", List.of(1, 3), " gpiochip4 ");
        assertEquals(List.of(1, 3), p.i2cBuses());
        assertEquals("gpiochip4", p.gpioChip());
        assertEquals(17, p.headerPins().get(11), "the header map stays the profile's");
        assertEquals(List.of(1, 3, 22), BoardProfiles.buses(" 1, 3 ,,22", "i2c.buses"));
        assertEquals(List.of(), BoardProfiles.buses("", "i2c.buses"));
    }

    @Test
    void refusalsNameTheProperty() {
        String m = assertThrows(IllegalArgumentException.class, () -> BoardProfiles.buses("1,x", "i2c.buses")).getMessage();
        assertEquals("i2c.buses: must be bus numbers 0 to 31 separated by commas, was '1,x'", m);
        m = assertThrows(IllegalArgumentException.class, () -> BoardProfiles.buses("40", "i2c.buses")).getMessage();
        assertEquals("i2c.buses: must be bus numbers 0 to 31 separated by commas, was '40'", m);
        m = assertThrows(IllegalArgumentException.class, () -> profiles.profile("raspberrypi-3", "", List.of(), "")).getMessage();
        assertTrue(m.startsWith("board.profile: must be auto or one of ") && m.endsWith("was 'raspberrypi-3'"), m);
    }

    @Test
    void modelFileLosesItsTrailingNul(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("model");
        Files.write(model, "Raspberry Pi 5 Model B Rev 1.0\0".getBytes(StandardCharsets.US_ASCII));
        assertEquals("Raspberry Pi 5 Model B Rev 1.0", BoardProfiles.model(model));
        assertEquals("raspberrypi-5", profiles.detect(BoardProfiles.model(model)));
        assertEquals("", BoardProfiles.model(dir.resolve("absent")), "no device tree: empty");
        assertEquals(BoardProfile.SIMULATED, profiles.detect(BoardProfiles.model(dir.resolve("absent"))));
    }

    @Test
    void aMissingProfileFileIsReportedByName() {
        String m = assertThrows(IllegalStateException.class, () -> new BoardProfiles(file -> {
            try {
                return file.startsWith("raspberrypi-4") ? null : Files.newInputStream(Path.of("../boards", file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        })).getMessage();
        assertEquals("board profile raspberrypi-4 missing from the platform bundle", m);
    }

    @Test
    void bundledProfilesAreTheSourceTreesOnes() {
        // bnd copies ../boards into the classes before the tests run
        BoardProfiles bundled = BoardProfiles.bundled();
        for (String name : BoardProfiles.NAMES) {
            assertEquals(profiles.profile(name, "", List.of(), ""), bundled.profile(name, "", List.of(), ""), name);
        }
    }

    @Test
    void settingsRefuseAnUnknownProfileAndBadBuses() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> Platform.Settings.of(config(Map.of("board.profile", "beaglebone")))).getMessage();
        assertTrue(m.startsWith("board.profile: must be auto or one of ") && m.endsWith("was 'beaglebone'"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> Platform.Settings.of(config(Map.of("i2c.buses", "1,x")))).getMessage();
        assertTrue(m.startsWith("i2c.buses: "), m);
    }

    @Test
    void settingsDefaultToAutoDetection() {
        Platform.Settings s = Platform.Settings.of(config(Map.of()));
        assertEquals("auto", s.profile());
        assertEquals(List.of(), s.buses());
        assertEquals(Path.of("/proc/device-tree/model"), s.modelFile());
        s = Platform.Settings.of(config(Map.of("board.profile", " raspberrypi-4 ", "i2c.buses", "1,6")));
        assertEquals("raspberrypi-4", s.profile());
        assertEquals(List.of(1, 6), s.buses());
    }
}
