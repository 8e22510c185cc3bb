package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.power.PowerMode;

/** LEDs on a fake sysfs laid out as a Raspberry Pi's: ACT follows the SD card, PWR is lit without a trigger. */
class LedSetTest {

    @TempDir
    Path sys;

    @TempDir
    Path data;

    Path kept;
    Path act;
    Path pwr;

    @BeforeEach
    void board() throws IOException {
        kept = data.resolve("power/leds.found");
        act = led("ACT", "none rfkill-any [mmc0] timer heartbeat", "0");
        pwr = led("PWR", "[none] rfkill-any mmc0 timer default-on", "255");
    }

    private Path led(String name, String triggers, String brightness) throws IOException {
        Path d = Files.createDirectories(sys.resolve("class/leds").resolve(name));
        Files.writeString(d.resolve("trigger"), triggers + "\n");
        Files.writeString(d.resolve("brightness"), brightness + "\n");
        return d;
    }

    private static String read(Path p, String attribute) throws IOException {
        return Files.readString(p.resolve(attribute)).strip();
    }

    @Test
    void offFromItsModeAndBackAsFoundInTheRicherOnes() throws IOException {
        List<String> problems = new ArrayList<>();
        LedSet leds = new LedSet(new Sysfs(sys), List.of(), PowerMode.DEGRADED, new Remembered(kept), problems);
        assertEquals(List.of("ACT off", "PWR off"), leds.apply(PowerMode.DEGRADED, problems));
        assertEquals("none", read(act, "trigger"));
        assertEquals("0", read(act, "brightness"));
        assertEquals("0", read(pwr, "brightness"));
        leds.apply(PowerMode.MINIMAL, problems);
        assertEquals("0", read(pwr, "brightness"));
        assertEquals(List.of("ACT back to trigger mmc0", "PWR back to brightness 255"), leds.apply(PowerMode.FULL, problems));
        assertEquals("mmc0", read(act, "trigger"));
        assertEquals("255", read(pwr, "brightness"));
        assertEquals("none", read(pwr, "trigger"));
        assertEquals(List.of(), problems);
    }

    @Test
    void offFromMinimalLeavesThemInDegradedAndRestoreGivesThemBack() throws IOException {
        List<String> problems = new ArrayList<>();
        LedSet leds = new LedSet(new Sysfs(sys), List.of("PWR"), PowerMode.MINIMAL, new Remembered(null), problems);
        leds.apply(PowerMode.DEGRADED, problems);
        assertEquals("255", read(pwr, "brightness"));
        leds.apply(PowerMode.MINIMAL, problems);
        assertEquals("0", read(pwr, "brightness"));
        assertEquals("none rfkill-any [mmc0] timer heartbeat", read(act, "trigger"), "an LED not named is not touched");
        leds.restore(problems);
        assertEquals("255", read(pwr, "brightness"));
        assertEquals(List.of(), problems);
    }

    @Test
    void aMissingLedIsNamedAndTheOthersStillGoOff() throws IOException {
        List<String> problems = new ArrayList<>();
        LedSet leds = new LedSet(new Sysfs(sys), List.of("led9", "ACT"), PowerMode.DEGRADED, new Remembered(null), problems);
        assertEquals(List.of(sys.resolve("class/leds/led9/trigger") + " is missing"), problems);
        Files.delete(act.resolve("brightness"));
        leds.apply(PowerMode.DEGRADED, problems);
        assertEquals(List.of(sys.resolve("class/leds/led9/trigger") + " is missing",
                act.resolve("brightness") + " is missing"), problems);
        assertEquals("none", read(act, "trigger"));
    }

    @Test
    void offInFullIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LedSet(new Sysfs(sys), List.of(), PowerMode.FULL, new Remembered(null), new ArrayList<>()));
        assertEquals("off.from: FULL would keep the LEDs off always; DEGRADED or MINIMAL", e.getMessage());
    }

    @Test
    void theCurrentTriggerIsTheBracketedOne() {
        assertEquals("mmc0", LedSet.current("none [mmc0] timer"));
        assertEquals("none", LedSet.current("[none] timer"));
        assertEquals("none", LedSet.current("garbage"));
    }

    @Test
    void aRunKilledWithTheLedsOffLeavesWhatItFoundForTheNextRun() throws IOException {
        List<String> problems = new ArrayList<>();
        new LedSet(new Sysfs(sys), List.of(), PowerMode.DEGRADED, new Remembered(kept), problems)
                .apply(PowerMode.MINIMAL, problems);
        assertEquals("none", read(act, "trigger"));
        List<String> next = new ArrayList<>();
        LedSet again = new LedSet(new Sysfs(sys), List.of(), PowerMode.DEGRADED, new Remembered(kept), next);
        assertEquals(1, next.size(), next.toString());
        again.restore(problems);
        assertEquals("mmc0", read(act, "trigger"), "the trigger the first run found");
        assertEquals("255", read(pwr, "brightness"));
        assertEquals(List.of(), problems);
    }
}
