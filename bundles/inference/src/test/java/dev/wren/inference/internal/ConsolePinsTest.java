package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

class ConsolePinsTest {

    @TempDir
    Path dir;

    @Test
    void aConsolePinWinsOverTheConfiguredOneAndSurvivesARestart() throws IOException {
        Path file = dir.resolve("inference/console-pins.properties");
        ConsolePins pins = new ConsolePins(file);
        pins.set("vibration-classifier", new Version(1, 0, 0));
        Map<String, Version> configured = Map.of("vibration-classifier", new Version(2, 0, 0),
                "vibration-trigger", new Version(1, 1, 0));

        ConsolePins afterRestart = new ConsolePins(file);
        assertEquals(Map.of("vibration-classifier", new Version(1, 0, 0), "vibration-trigger", new Version(1, 1, 0)),
                afterRestart.over(configured));

        afterRestart.set("vibration-classifier", null);
        assertEquals(configured, new ConsolePins(file).over(configured));
    }

    @Test
    void anEntryThatIsNoVersionIsNoPin() throws IOException {
        Path file = dir.resolve("pins.properties");
        Files.writeString(file, "a=1.2.3\nb=not-a-version\n");
        assertEquals(Map.of("a", new Version(1, 2, 3)), new ConsolePins(file).over(Map.of()));
    }
}
