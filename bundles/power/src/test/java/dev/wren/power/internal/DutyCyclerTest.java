package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.power.PowerMode;

/**
 * Duty-cycled sleep on a fake sysfs real-time clock (a regular file where the kernel has its
 * {@code wakealarm}) with a stand-in for the power-off that counts its calls: when a cycle ends,
 * what the next start makes of it, and each refusal.
 */
class DutyCyclerTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @TempDir
    Path dir;
    private Path wakealarm;
    private final List<String> info = new ArrayList<>();
    private final List<String> warn = new ArrayList<>();
    private int offs;

    /** The power manager's figures, the same in every mode. */
    private record Fixed(double draw, boolean isMeasured, BoardProfile board) implements Draws {

        @Override
        public double watts(PowerMode mode) {
            return draw;
        }

        @Override
        public boolean measured(PowerMode mode) {
            return isMeasured;
        }
    }

    /** A Raspberry Pi 5 drawing 2.75 W in MINIMAL, modelled. */
    private final Draws pi5 = new Fixed(2.75, false, BoardProfile.RASPBERRY_PI_5);

    @BeforeEach
    void rtc() throws IOException {
        wakealarm = Files.createDirectories(dir.resolve("sys/class/rtc/rtc0")).resolve("wakealarm");
        Files.writeString(wakealarm, "");
    }

    private DutyCycler cycler(DutyCycler.PowerOff off) throws IOException {
        return new DutyCycler(new DutyCycler.Rules(900, 30, 300), new WakeAlarm(new Sysfs(dir.resolve("sys")), "rtc0"),
                dir.resolve("data"), off, info::add, warn::add);
    }

    private DutyCycler cycler() throws IOException {
        return cycler(() -> {
            offs++;
            return "";
        });
    }

    private long alarm() throws IOException {
        return Long.parseLong(Files.readString(wakealarm).strip());
    }

    @Test
    void aCycleEndsOnceLongEnoughInMinimalAndTheUplinkHadItsWindow() throws IOException {
        DutyCycler c = cycler();
        c.start(T0, 20);
        assertTrue(info.get(0).contains("no cycle pending"), info.toString());
        c.tick(T0.plusSeconds(5), 25, PowerMode.MINIMAL, true, pi5);
        c.tick(T0.plusSeconds(20), 40, PowerMode.FULL, true, pi5);
        c.tick(T0.plusSeconds(21), 41, PowerMode.MINIMAL, true, pi5);
        c.tick(T0.plusSeconds(50), 70, PowerMode.MINIMAL, true, pi5);
        c.tick(T0.plusSeconds(51), 71, PowerMode.MINIMAL, false, pi5);
        assertEquals(0, offs, "not 30 s in MINIMAL in a row yet, or the uplink still in its window");
        c.tick(T0.plusSeconds(52), 72, PowerMode.MINIMAL, true, pi5);
        assertEquals(1, offs);
        assertEquals(T0.minusSeconds(20).plusSeconds(900).getEpochSecond() + 1, alarm(), "a period after this power-on");
        assertTrue(Files.exists(dir.resolve("data/duty-cycle.state")));
        assertTrue(info.get(1).startsWith("Duty cycle: cycle 1: powering off after 72 s up, 31 s in MINIMAL (the uplink"
                + " had its window)"), info.toString());
        c.tick(T0.plusSeconds(53), 73, PowerMode.MINIMAL, true, pi5);
        assertEquals(1, offs, "not again while the board goes down");
    }

    @Test
    void anUplinkThatNeverFinishesGetsAwakeMaxThenTheBoardSleeps() throws IOException {
        DutyCycler c = cycler();
        c.start(T0, 20);
        c.tick(T0, 20, PowerMode.MINIMAL, false, pi5);
        c.tick(T0.plusSeconds(299), 319, PowerMode.MINIMAL, false, pi5);
        assertEquals(0, offs);
        c.tick(T0.plusSeconds(300), 320, PowerMode.MINIMAL, false, pi5);
        assertEquals(1, offs);
        assertTrue(info.get(1).contains("(awake.max.s reached)"), info.toString());
    }

    @Test
    void aBoardUpLongerThanThePeriodWakesAPeriodAfterThePowerOff() throws IOException {
        DutyCycler c = cycler();
        c.start(T0, 5000);
        c.tick(T0.plusSeconds(10), 5010, PowerMode.MINIMAL, true, pi5);
        c.tick(T0.plusSeconds(40), 5040, PowerMode.MINIMAL, true, pi5);
        assertEquals(T0.plusSeconds(40 + 900 + 1).getEpochSecond(), alarm(),
                "never an alarm due before the shutdown is over");
    }

    @Test
    void theNextStartTellsTheWakeReasonAndTheCyclesEnergy() throws IOException {
        DutyCycler c = cycler();
        c.start(T0, 20);
        c.tick(T0.plusSeconds(10), 30, PowerMode.MINIMAL, true, pi5);
        c.tick(T0.plusSeconds(40), 60, PowerMode.MINIMAL, true, pi5);
        Instant due = Instant.ofEpochSecond(alarm());
        info.clear();
        cycler().start(due.plusSeconds(25), 20);
        // awake 60 s at 2.75 W = 165 J; off from T0+40 s to the power-on at due+5 s = 846 s at 0.015 W = 12.7 J
        assertEquals(List.of("Duty cycle: cycle 1: woken by its alarm, up at " + due.plusSeconds(5) + "; awake 60 s at"
                + " 2.75 W (modelled), off 846 s at 0.015 W (modelled): 178 J"), info);
        assertFalse(Files.exists(dir.resolve("data/duty-cycle.state")), "accounted once");
        assertTrue(Files.readString(dir.resolve("data/duty-cycle.log")).contains("cycle 1: woken by its alarm"));
    }

    @Test
    void aWakeThatNeverCameIsSaidAtTheNextStart() throws IOException {
        DutyCycler c = cycler();
        c.start(T0, 20);
        c.tick(T0.plusSeconds(10), 30, PowerMode.MINIMAL, true, pi5);
        c.tick(T0.plusSeconds(40), 60, PowerMode.MINIMAL, true, pi5);
        Instant due = Instant.ofEpochSecond(alarm());
        cycler().start(due.plusSeconds(3 * 3600 + 20), 20);
        assertEquals(1, warn.size(), warn::toString);
        assertTrue(warn.get(0).startsWith("Duty cycle: cycle 1: MISSED: the alarm was set for " + due + ", the board came up"
                + " at " + due.plusSeconds(3 * 3600) + ", 3 h 0 min late (12 cycles lost)"), warn.get(0));
        info.clear();
        warn.clear();
        cycler().start(due.plusSeconds(3600), 20);
        assertTrue(info.get(0).contains("no cycle pending") && warn.isEmpty(), "said once: " + info + warn);
    }

    @Test
    void aPowerOnBeforeTheAlarmIsSomethingElse() throws IOException {
        DutyCycler c = cycler();
        c.start(T0, 20);
        c.tick(T0.plusSeconds(10), 30, PowerMode.MINIMAL, true, pi5);
        c.tick(T0.plusSeconds(40), 60, PowerMode.MINIMAL, true, pi5);
        Instant due = Instant.ofEpochSecond(alarm());
        info.clear();
        cycler().start(due.minusSeconds(600), 30);
        assertTrue(info.get(0).startsWith("Duty cycle: cycle 1: powered on 10 min before its alarm (power restored,"
                + " a button or a reboot)"), info.toString());
    }

    @Test
    void aBoardWithoutAHaltedDrawCountsOnlyTheAwakeEnergy() throws IOException {
        Draws generic = new Fixed(1.5, true, BoardProfile.GENERIC_AARCH64);
        DutyCycler c = cycler();
        c.start(T0, 20);
        c.tick(T0.plusSeconds(10), 30, PowerMode.MINIMAL, true, generic);
        c.tick(T0.plusSeconds(40), 60, PowerMode.MINIMAL, true, generic);
        info.clear();
        cycler().start(Instant.ofEpochSecond(alarm()).plusSeconds(20), 20);
        assertTrue(info.get(0).endsWith("awake 60 s at 1.5 W (measured), off 841 s at an unknown draw (none published"
                + " for generic-aarch64): 90 J awake, off unknown"), info.toString());
    }

    @Test
    void noWakeSourceIsRefusedByName() throws IOException {
        Files.delete(wakealarm);
        IOException e = assertThrows(IOException.class, this::cycler);
        assertEquals("no wake source: " + wakealarm + " is missing (no real-time clock that can power the board on)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WakeAlarm(new Sysfs(dir), "../rtc0"));
    }

    @Test
    void aClockThatRefusesTheAlarmKeepsTheBoardAwake() throws IOException {
        DutyCycler c = cycler();
        Files.delete(wakealarm);
        Files.createDirectory(wakealarm);
        c.start(T0, 20);
        c.tick(T0.plusSeconds(10), 30, PowerMode.MINIMAL, true, pi5);
        c.tick(T0.plusSeconds(40), 60, PowerMode.MINIMAL, true, pi5);
        assertEquals(0, offs);
        assertEquals(1, warn.size(), warn::toString);
        assertTrue(warn.get(0).startsWith("Duty cycle: cycle 1: staying awake, the wake alarm was refused: " + wakealarm
                + " refused 0"), warn.get(0));
        assertFalse(Files.exists(dir.resolve("data/duty-cycle.state")));
        c.tick(T0.plusSeconds(41), 61, PowerMode.MINIMAL, true, pi5);
        assertEquals(1, warn.size(), "tried again a period later, not every second");
    }

    @Test
    void aFailedPowerOffKeepsTheAlarmAndTheNextStartSeesTheBoardNeverWentOff() throws IOException {
        DutyCycler c = cycler(() -> {
            throw new IOException("systemctl poweroff exited with 1: Access denied");
        });
        c.start(T0, 20);
        c.tick(T0.plusSeconds(10), 30, PowerMode.MINIMAL, true, pi5);
        c.tick(T0.plusSeconds(40), 60, PowerMode.MINIMAL, true, pi5);
        assertEquals(T0.plusSeconds(881).getEpochSecond(), alarm(), "kept: the power-off may be the shutdown's own victim");
        assertEquals(List.of("Duty cycle: cycle 1: the power-off failed, staying awake until the next try at "
                + T0.plusSeconds(940) + ": systemctl poweroff exited with 1: Access denied"), warn);
        c.tick(T0.plusSeconds(41), 61, PowerMode.MINIMAL, true, pi5);
        assertEquals(1, warn.size(), "tried again a period later, not every second");
        info.clear();
        cycler().start(T0.plusSeconds(100), 120);
        assertEquals(List.of("Duty cycle: cycle 1: the board did not power off (up since " + T0.minusSeconds(20)
                + ", before it tried at " + T0.plusSeconds(40) + "); not accounted"), info);
        assertFalse(Files.exists(dir.resolve("data/duty-cycle.state")));
    }

    @Test
    void rulesAreCheckedByName() {
        assertEquals("period.s: must be 180 to 604800, was 5",
                assertThrows(IllegalArgumentException.class, () -> new DutyCycler.Rules(5, 0, 1)).getMessage());
        assertEquals("awake.min.s: must be 0 to awake.max.s (300), was 400",
                assertThrows(IllegalArgumentException.class, () -> new DutyCycler.Rules(900, 400, 300)).getMessage());
        assertEquals("awake.max.s: must be at most period.s - 120 (780), was 900",
                assertThrows(IllegalArgumentException.class, () -> new DutyCycler.Rules(900, 30, 900)).getMessage());
    }
}
