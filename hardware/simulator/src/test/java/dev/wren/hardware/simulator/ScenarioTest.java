package dev.wren.hardware.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ScenarioTest {

    private final ManualClock clock = new ManualClock();
    private final SimBoard board = new SimBoard(clock, 7);

    /** A chip that answers every transaction with zeros: the commands under test act on the device, not the chip. */
    private static final class Quiet implements I2CChip {
        @Override
        public void write(byte[] data, int offset, int length) {
        }

        @Override
        public void read(byte[] buffer, int offset, int length) {
            Arrays.fill(buffer, offset, offset + length, (byte) 0);
        }
    }

    private static Scenario parse(String text, SimBoard board) {
        return Scenario.parse(text, board);
    }

    private String refused(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Scenario.parse(text, board)).getMessage();
    }

    private String refusedNow(String command) {
        return assertThrows(IllegalArgumentException.class, () -> Scenario.apply(board, command)).getMessage();
    }

    @Test
    void demoScenarioParsesAndEveryStepApplies() throws IOException {
        String text = Files.readString(Path.of("../scenarios/demo.scenario"), StandardCharsets.UTF_8);
        Scenario s = Scenario.parse(text, board);
        assertTrue(s.steps().size() > 50, "steps: " + s.steps().size());
        Duration previous = Duration.ZERO;
        for (Scenario.Step step : s.steps()) {
            assertTrue(step.at().compareTo(previous) >= 0, "sorted at line " + step.line());
            previous = step.at();
        }
        assertTrue(previous.compareTo(Duration.ofMinutes(30)) <= 0, "a day compressed into minutes, ends at " + previous);
        for (int address : new int[] {0x76, 0x68, 0x40, 0x36, 0x48}) {
            board.plug(1, address, new Quiet());
        }
        double lowest = 1;
        for (Scenario.Step step : s.steps()) {
            Scenario.apply(board, step.command());
            lowest = Math.min(lowest, board.battery().soc());
        }
        assertEquals(0.18, lowest, 1e-9);
        assertTrue(board.battery().externalPower());
        assertEquals(Vibration.Condition.BEARING_FAULT, board.vibration().condition());
        board.devices().forEach(d -> assertEquals(Fault.NONE, d.fault(), "healed at the end: " + d.address()));
        assertFalse(board.line(17).high());
        assertEquals(6, board.line(17).edges());
    }

    @Test
    void timeUnitsAreMillisecondsSecondsMinutesAndHours() {
        Scenario s = parse("""
                at 250ms temperature 20
                at 2s    temperature 21
                at 1.5m  temperature 22
                at 1h    temperature 23
                at 0.5s  temperature 24
                """, board);
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(2),
                Duration.ofSeconds(90), Duration.ofHours(1)), s.steps().stream().map(Scenario.Step::at).toList());
        assertEquals(List.of(1, 5, 2, 3, 4), s.steps().stream().map(Scenario.Step::line).toList());
    }

    @Test
    void stepsRunInTimeOrderAndTiesKeepFileOrder() {
        Scenario s = parse("""
                # comments and blank lines are skipped but counted

                at 10s  line 4 high
                at 5s   humidity 60
                at 10s  line 4 low
                at 5s   humidity 61
                at 10s  line 4 high
                """, board);
        assertEquals(List.of("humidity 60", "humidity 61", "line 4 high", "line 4 low", "line 4 high"),
                s.steps().stream().map(Scenario.Step::command).toList());
        assertEquals(List.of(4, 6, 3, 5, 7), s.steps().stream().map(Scenario.Step::line).toList());
        s.steps().forEach(step -> Scenario.apply(board, step.command()));
        assertEquals(61, board.environment().humidityPercent());
        assertTrue(board.line(4).high());
        assertEquals(3, board.line(4).edges());
    }

    @Test
    void parsingAppliesNothing() {
        parse("at 0s temperature 30\nat 0s line 5 high\nat 0s battery 10\nat 0s vibration imbalance 3", board);
        assertEquals(22.0, board.environment().temperatureC());
        assertFalse(board.line(5).high());
        assertEquals(1.0, board.battery().soc());
        assertEquals(Vibration.Condition.NORMAL, board.vibration().condition());
    }

    @Test
    void environmentCommandsSetTheAir() {
        Scenario.apply(board, "temperature -12.5");
        Scenario.apply(board, "pressure 95000");
        Scenario.apply(board, "HUMIDITY 33");
        assertEquals(-12.5, board.environment().temperatureC());
        assertEquals(95000, board.environment().pressurePa());
        assertEquals(33, board.environment().humidityPercent());
    }

    @Test
    void faultCommandsInjectAndHealAndSetTheFailureShare() {
        SimDevice d = board.plug(1, 0x76, new Quiet());
        Scenario.apply(board, "fault 1:0x76 nack");
        assertEquals(Fault.NACK, d.fault());
        Scenario.apply(board, "fault 1:118 timeout");
        assertEquals(Fault.TIMEOUT, d.fault());
        Scenario.apply(board, "fault 1:0x76 corrupt");
        assertEquals(Fault.CORRUPT, d.fault());
        Scenario.apply(board, "fault 1:0x76 absent");
        assertEquals(Fault.ABSENT, d.fault());
        Scenario.apply(board, "fault 1:0x76 none");
        assertEquals(Fault.NONE, d.fault());

        // share 1: every transaction fails; share 0: none does
        Scenario.apply(board, "fault 1:0x76 intermittent 1");
        assertEquals(Fault.INTERMITTENT, d.fault());
        byte[] b = new byte[1];
        for (int i = 0; i < 20; i++) {
            assertThrows(RuntimeException.class, () -> d.read(b, 0, 1));
        }
        Scenario.apply(board, "fault 1:0x76 intermittent 0");
        for (int i = 0; i < 20; i++) {
            d.read(b, 0, 1);
        }
        assertEquals(20, d.transactions());
    }

    @Test
    void lineCommandsDriveTheLineAndCountEdges() {
        Scenario.apply(board, "line 17 high");
        assertTrue(board.line(17).high());
        Scenario.apply(board, "line 17 on");
        assertEquals(1, board.line(17).edges(), "no edge without a change");
        Scenario.apply(board, "line 17 0");
        Scenario.apply(board, "line 17 1");
        Scenario.apply(board, "line 17 off");
        assertFalse(board.line(17).high());
        assertEquals(4, board.line(17).edges());
        assertEquals(0, board.line(27).edges(), "other lines untouched");
    }

    @Test
    void vibrationCommandsSetConditionSeverityShaftAndNoise() {
        Scenario.apply(board, "vibration imbalance 2.5");
        assertEquals(Vibration.Condition.IMBALANCE, board.vibration().condition());
        assertEquals(2.5, board.vibration().severity());
        Scenario.apply(board, "vibration bearing-fault");
        assertEquals(Vibration.Condition.BEARING_FAULT, board.vibration().condition());
        assertEquals(2.5, board.vibration().severity(), "severity kept when not given");
        Scenario.apply(board, "vibration misalignment 0");
        assertEquals(Vibration.Condition.MISALIGNMENT, board.vibration().condition());
        assertEquals(0, board.vibration().severity());
        Scenario.apply(board, "vibration normal");
        assertEquals(Vibration.Condition.NORMAL, board.vibration().condition());
        Scenario.apply(board, "shaft 49.5");
        assertEquals(49.5, board.vibration().shaftHz());
        Scenario.apply(board, "noise 0.05");
        assertEquals(0.05, board.vibration().noiseG());
    }

    @Test
    void batteryCommandsSetChargeLoadAndExternalPower() {
        Scenario.apply(board, "battery 18");
        assertEquals(0.18, board.battery().soc(), 1e-12);
        Scenario.apply(board, "load 1.2");
        assertEquals(1.2, board.battery().loadCurrentA());
        assertEquals(1.2, board.battery().cellCurrentA(), 1e-12);
        Scenario.apply(board, "external on");
        assertTrue(board.battery().externalPower());
        assertTrue(board.battery().cellCurrentA() < 0, "charging");
        Scenario.apply(board, "external 0");
        assertFalse(board.battery().externalPower());
        Scenario.apply(board, "external 1");
        Scenario.apply(board, "external off");
        assertFalse(board.battery().externalPower());
    }

    @Test
    void errorsNameTheLineAndTheProblem() {
        String m = refused("at 0s temperature 20\n\n# fine so far\nat 1s sunshine 3");
        assertTrue(m.startsWith("scenario line 4: unknown command 'sunshine'"), m);
        m = refused("at 0s temperature warm");
        assertTrue(m.startsWith("scenario line 1: 'temperature': not a number: 'warm'"), m);
        m = refused("at 0s\ttemperature 20\nat 1s humidity 120");
        assertTrue(m.startsWith("scenario line 2: humidity (%) must be 0.0 to 100.0, was 120.0"), m);
        m = refused("at 2s fault 1:0x76 melted");
        assertTrue(m.startsWith("scenario line 1: fault kind must be none, nack, timeout, corrupt, absent or intermittent, "
                + "was 'melted'"), m);
        m = refused("at 2s fault 1-0x76 nack");
        assertTrue(m.startsWith("scenario line 1: fault needs <bus>:<address>, e.g. 1:0x76, was '1-0x76'"), m);
        m = refused("at 2s fault 1:0xZZ nack");
        assertTrue(m.startsWith("scenario line 1: fault needs <bus>:<address>"), m);
        m = refused("at 2s fault 1:0x80 nack");
        assertTrue(m.startsWith("scenario line 1: fault needs a bus 0 to 31 and a 7-bit address 0x03 to 0x77, was '1:0x80'"), m);
        m = refused("at 2s fault 1:0x76 intermittent 1.5");
        assertTrue(m.startsWith("scenario line 1: failure share must be 0.0 to 1.0, was 1.5"), m);
        m = refused("at 2s line -3 high");
        assertTrue(m.startsWith("scenario line 1: line number must be a whole number 0 or more, was '-3'"), m);
        m = refused("at 2s line 17 sideways");
        assertTrue(m.startsWith("scenario line 1: line level must be high or low, was 'sideways'"), m);
        m = refused("at 2s vibration wobble");
        assertTrue(m.startsWith("scenario line 1: vibration must be normal, imbalance, misalignment or bearing-fault"), m);
        m = refused("at 2s external maybe");
        assertTrue(m.startsWith("scenario line 1: external power must be on or off, was 'maybe'"), m);
        m = refused("at 2s battery");
        assertTrue(m.startsWith("scenario line 1: 'battery' needs 1 argument(s)"), m);
        m = refused("at 2s temperature 20 # warm");
        assertTrue(m.startsWith("scenario line 1: 'temperature' takes at most 1 argument(s), got 3"), m);
        m = refused("at 2 temperature 20");
        assertTrue(m.startsWith("scenario line 1: expected 'at <time><ms|s|m|h> <command>', was 'at 2 temperature 20'"), m);
        m = refused("at -2s temperature 20");
        assertTrue(m.startsWith("scenario line 1: expected 'at <time>"), m);
    }

    @Test
    void rangesMatchWhatTheBoardAccepts() {
        // each value passes the parser only if the board takes it when applied
        for (String bad : List.of("shaft 0.5", "shaft 200", "noise 2", "noise -0.1", "load 11", "battery 101",
                "pressure 20000", "temperature 90", "vibration imbalance 11")) {
            assertTrue(refused("at 0s " + bad).startsWith("scenario line 1: "), bad);
            assertThrows(IllegalArgumentException.class, () -> Scenario.apply(board, bad), bad);
        }
        for (String good : List.of("shaft 1", "shaft 100", "noise 0", "noise 1", "load 10", "battery 0",
                "pressure 110000", "temperature -40", "vibration imbalance 10")) {
            parse("at 0s " + good, board);
            Scenario.apply(board, good);
        }
    }

    @Test
    void aMissingChipIsRefusedOnlyWhenApplied() {
        Scenario s = parse("at 1m fault 1:0x77 nack", board);
        assertEquals(1, s.steps().size());
        assertEquals("no chip at 0x77 on bus 1", refusedNow(s.steps().get(0).command()));
        board.plug(1, 0x77, new Quiet());
        Scenario.apply(board, s.steps().get(0).command());
        assertEquals(Fault.NACK, board.device(1, 0x77).orElseThrow().fault());
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreAccepted() {
        Scenario s = parse("\uFEFFat 1s humidity 50\r\nat 2s humidity 51\r\n", board);
        assertEquals(2, s.steps().size());
        assertEquals("humidity 51", s.steps().get(1).command());
    }
}
