package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.power.PowerMode;

/** Display outputs on a fake sysfs: a Raspberry Pi 4's two HDMI connectors and a DSI panel's backlight. */
class DisplaySetTest {

    @TempDir
    Path sys;

    @TempDir
    Path data;

    Path hdmi0;
    Path hdmi1;
    Path panel;

    @BeforeEach
    void board() throws IOException {
        hdmi0 = attribute("class/drm/card1-HDMI-A-1", "status", "connected");
        hdmi1 = attribute("class/drm/card1-HDMI-A-2", "status", "disconnected");
        attribute("class/drm/card1", "dev", "226:1");
        panel = attribute("class/backlight/10-0045", "bl_power", "0");
    }

    private Path attribute(String dir, String name, String value) throws IOException {
        Path d = Files.createDirectories(sys.resolve(dir));
        Files.writeString(d.resolve(name), value + "\n");
        return d;
    }

    private static String read(Path dir, String attribute) throws IOException {
        return Files.readString(dir.resolve(attribute)).strip();
    }

    @Test
    void offFromItsModeAndBackInTheRicherOnes() throws IOException {
        List<String> problems = new ArrayList<>();
        DisplaySet d = new DisplaySet(new Sysfs(sys), PowerMode.DEGRADED, new Remembered(data.resolve("display.found")),
                problems);
        assertEquals(List.of("card1-HDMI-A-1 off", "card1-HDMI-A-2 off", "10-0045 off"), d.apply(PowerMode.MINIMAL, problems));
        assertEquals("off", read(hdmi0, "status"));
        assertEquals(DisplaySet.POWERDOWN, read(panel, "bl_power"));
        assertEquals(0.25, d.savingW(PowerMode.DEGRADED, BoardProfile.RASPBERRY_PI_4), 1e-9, "two HDMI outputs");
        assertEquals(List.of("card1-HDMI-A-1 back to status detect", "card1-HDMI-A-2 back to status detect",
                "10-0045 back to bl_power 0"), d.apply(PowerMode.FULL, problems));
        assertEquals("detect", read(hdmi1, "status"));
        assertEquals("0", read(panel, "bl_power"));
        assertEquals(List.of(), problems);
    }

    @Test
    void aPanelLeftDarkByAKilledRunIsGivenItsFoundStateBack() throws IOException {
        Path kept = data.resolve("display.found");
        new DisplaySet(new Sysfs(sys), PowerMode.MINIMAL, new Remembered(kept), new ArrayList<>())
                .apply(PowerMode.MINIMAL, new ArrayList<>());
        List<String> problems = new ArrayList<>();
        DisplaySet next = new DisplaySet(new Sysfs(sys), PowerMode.MINIMAL, new Remembered(kept), problems);
        assertTrue(problems.get(0).contains("the display"), problems.toString());
        next.restore(new ArrayList<>());
        assertEquals("0", read(panel, "bl_power"), "what the first run found, not the 4 it left");
    }

    @Test
    void noDisplayIsSaidAndARefusingOutputIsNamed() throws IOException {
        assertThrows(IOException.class, () -> new DisplaySet(new Sysfs(data), PowerMode.DEGRADED, new Remembered(null),
                new ArrayList<>()));
        Files.delete(hdmi1.resolve("status"));
        List<String> problems = new ArrayList<>();
        DisplaySet d = new DisplaySet(new Sysfs(sys), PowerMode.DEGRADED, new Remembered(null), problems);
        assertEquals(List.of(hdmi1.resolve("status") + " is missing"), problems);
        Files.delete(panel.resolve("bl_power"));
        problems.clear();
        assertEquals(List.of("card1-HDMI-A-1 off"), d.apply(PowerMode.DEGRADED, problems));
        assertEquals(List.of(panel.resolve("bl_power") + " is missing"), problems);
    }
}
