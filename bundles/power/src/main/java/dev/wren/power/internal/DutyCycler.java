package dev.wren.power.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;

import dev.wren.power.PowerMode;

/**
 * Duty-cycled sleep in MINIMAL: once the gateway has been in MINIMAL {@code awake.min.s} (sampled, run
 * the trigger) and the uplink has had its connection window (the outbox handed over, or nothing to
 * hand it to), or at the latest {@code awake.max.s} after it entered MINIMAL, it sets the real-time
 * clock to wake the board {@code period.s} after this cycle's power-on (a period after now when that is
 * less than {@value #LEAD_S} s ahead) and powers it off; the outbox keeps whatever
 * was not sent. Never in FULL or DEGRADED.
 *
 * <p>What each cycle did is recorded in two files of the data directory: {@code duty-cycle.state}
 * (the cycle that powered off, read by the next start) and {@code duty-cycle.log} (one line per
 * event, appended; the previous megabyte in {@code duty-cycle.log.1}). At start the last cycle is accounted: its wake reason, told from when this
 * power-on happened ({@code /proc/uptime}) against the alarm (within {@value #ON_TIME_S} s: the
 * alarm; before it: something else powered the board on; later: a missed cycle, said at WARN), and
 * its energy, awake at the MINIMAL draw (measured by an INA219, else modelled) plus off at the
 * board's published halted draw (modelled; unknown for a board with none published), both kept in
 * the record at power-off. A record whose power-off did not happen (the board up since before it) is
 * said and not accounted.
 *
 * <p>A clock that refuses the alarm keeps the board awake, said at WARN; so does a power-off that
 * fails, which leaves the alarm and the record as they are (it may have been killed by the very
 * shutdown it started). The next try is a period later. Not thread-safe: the component calls it from one thread.
 */
final class DutyCycler {

    /** Powers the board off; returns what the command printed. */
    interface PowerOff {
        String run() throws IOException;
    }

    /**
     * @param periodS   from one power-on to the next
     * @param awakeMinS least time up in a cycle
     * @param awakeMaxS most time up in a cycle, whatever the uplink does
     */
    record Rules(long periodS, long awakeMinS, long awakeMaxS) {

        /** @throws IllegalArgumentException naming the property and its rule */
        Rules {
            if (periodS < MIN_PERIOD_S || periodS > 7 * 86_400) {
                throw new IllegalArgumentException("period.s: must be " + MIN_PERIOD_S + " to 604800, was " + periodS);
            }
            if (awakeMinS < 0 || awakeMinS > awakeMaxS) {
                throw new IllegalArgumentException("awake.min.s: must be 0 to awake.max.s (" + awakeMaxS + "), was "
                        + awakeMinS);
            }
            if (awakeMaxS > periodS - LEAD_S) {
                throw new IllegalArgumentException("awake.max.s: must be at most period.s - " + LEAD_S + " ("
                        + (periodS - LEAD_S) + "), was " + awakeMaxS);
            }
        }
    }

    /** The shortest period: the lead of the alarm and a minute of work. */
    static final long MIN_PERIOD_S = 180;
    /** A power-on within this many seconds after the alarm is the alarm's. */
    static final long ON_TIME_S = 120;
    /** The log is moved to {@code duty-cycle.log.1} past this size: about 6 000 cycles, two months at 15 min. */
    static final long LOG_BYTES = 1 << 20;
    /**
     * The alarm is at least this far ahead when it is set: the shutdown (the gateway alone may take 30 s to
     * stop) must be over before it comes, or the board halts with no alarm left. A cycle that would wake
     * sooner wakes a whole period after the power-off instead.
     */
    static final long LEAD_S = 120;

    private final Rules rules;
    private final WakeAlarm alarm;
    private final Path state;
    private final Path log;
    private final PowerOff off;
    private final Consumer<String> info;
    private final Consumer<String> warn;
    private Instant poweredOn;
    private Instant minimalSince;
    private long cycle = 1;
    private Instant nextTry = Instant.EPOCH;

    /** @param dir where the state and the log are kept */
    DutyCycler(Rules rules, WakeAlarm alarm, Path dir, PowerOff off, Consumer<String> info, Consumer<String> warn) {
        this.rules = rules;
        this.alarm = alarm;
        this.state = dir.resolve("duty-cycle.state");
        this.log = dir.resolve("duty-cycle.log");
        this.off = off;
        this.info = info;
        this.warn = warn;
    }

    /** Accounts the cycle that powered the board off last, if any; {@code uptimeS} is the kernel's. */
    void start(Instant now, double uptimeS) throws IOException {
        poweredOn = now.minusMillis(Math.round(uptimeS * 1000));
        Files.createDirectories(state.getParent());
        if (!Files.exists(state)) {
            record("started " + stamp(poweredOn) + ", no cycle pending", info);
            return;
        }
        try {
            Properties last = new Properties();
            try (Reader r = Files.newBufferedReader(state, StandardCharsets.UTF_8)) {
                last.load(r);
            }
            account(last);
        } catch (RuntimeException e) {
            record("the last cycle's record " + state + " is unreadable (" + e + "); not accounted", warn);
        }
        Files.delete(state);
    }

    private void account(Properties last) throws IOException {
        long n = Long.parseLong(last.getProperty("cycle"));
        Instant wentOff = Instant.parse(last.getProperty("off"));
        Instant due = Instant.parse(last.getProperty("alarm"));
        double awakeS = Double.parseDouble(last.getProperty("awake.s"));
        double awakeW = Double.parseDouble(last.getProperty("awake.w"));
        double haltW = Double.parseDouble(last.getProperty("halt.w", "NaN"));
        String board = last.getProperty("board", "an unknown board");
        cycle = n + 1;
        if (poweredOn.isBefore(wentOff)) {
            record("cycle " + n + ": the board did not power off (up since " + stamp(poweredOn) + ", before it tried at "
                    + stamp(wentOff) + "); not accounted", info);
            return;
        }
        long late = Duration.between(due, poweredOn).toSeconds();
        String reason = late < -ON_TIME_S ? "powered on " + words(-late) + " before its alarm (power restored,"
                + " a button or a reboot)" : late <= ON_TIME_S ? "woken by its alarm" : null;
        double offS = Duration.between(wentOff, poweredOn).toMillis() / 1000.0;
        String offAt = Double.isNaN(haltW) ? "an unknown draw (none published for " + board + ")"
                : Words.watts(haltW) + " (modelled)";
        String joules = Double.isNaN(awakeW) ? "unknown" : Double.isNaN(haltW)
                ? String.format(Locale.ROOT, "%.0f J awake, off unknown", awakeS * awakeW)
                : String.format(Locale.ROOT, "%.0f J", awakeS * awakeW + offS * haltW);
        String energy = String.format(Locale.ROOT, "awake %.0f s at %s (%s), off %.0f s at %s: %s", awakeS,
                Words.watts(awakeW), last.getProperty("awake.source", "modelled"), offS, offAt, joules);
        if (reason == null) {
            long lost = (late + rules.periodS() - 1) / rules.periodS();
            record("cycle " + n + ": MISSED: the alarm was set for " + stamp(due) + ", the board came up at "
                    + stamp(poweredOn) + ", " + words(late) + " late (" + lost + " cycles lost); " + energy, warn);
        } else {
            record("cycle " + n + ": " + reason + ", up at " + stamp(poweredOn) + "; " + energy, info);
        }
    }

    /**
     * Powers off when the cycle is done: {@code awake.min.s} after MINIMAL was first seen in a row
     * and the uplink done, or {@code awake.max.s} after it whatever the uplink does.
     *
     * @param uplinkDone the uplink had its window, or there is none to hand the outbox to
     */
    void tick(Instant now, double uptimeS, PowerMode mode, boolean uplinkDone, Draws draws) throws IOException {
        if (mode != PowerMode.MINIMAL) {
            minimalSince = null;
            return;
        }
        if (minimalSince == null) {
            minimalSince = now;
        }
        long lean = Duration.between(minimalSince, now).toSeconds();
        if (now.isBefore(nextTry) || lean < rules.awakeMinS() || !uplinkDone && lean < rules.awakeMaxS()) {
            return;
        }
        Instant due = poweredOn.plusSeconds(rules.periodS());
        Instant at = (due.isBefore(now.plusSeconds(LEAD_S)) ? now.plusSeconds(rules.periodS()) : due)
                .truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        try {
            alarm.set(at);
        } catch (IOException e) {
            nextTry = now.plusSeconds(rules.periodS());
            record("cycle " + cycle + ": staying awake, the wake alarm was refused: " + e.getMessage(), warn);
            return;
        }
        Properties p = new Properties();
        p.setProperty("cycle", Long.toString(cycle));
        p.setProperty("off", now.toString());
        p.setProperty("alarm", at.toString());
        p.setProperty("awake.s", String.format(Locale.ROOT, "%.1f", uptimeS));
        p.setProperty("awake.w", Double.toString(draws == null ? Double.NaN : draws.watts(PowerMode.MINIMAL)));
        p.setProperty("awake.source", draws == null ? "no power manager"
                : draws.measured(PowerMode.MINIMAL) ? "measured" : "modelled");
        if (draws != null) {
            p.setProperty("halt.w", Double.toString(draws.board().haltW()));
            p.setProperty("board", draws.board().id());
        }
        Path part = state.resolveSibling(state.getFileName() + ".part");
        try (Writer w = Files.newBufferedWriter(part, StandardCharsets.UTF_8)) {
            p.store(w, "the cycle that powered the board off");
        }
        Files.move(part, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        record(String.format(Locale.ROOT, "cycle %d: powering off after %.0f s up, %d s in MINIMAL (%s), alarm at %s",
                cycle, uptimeS, lean, uplinkDone ? "the uplink had its window" : "awake.max.s reached", stamp(at)), info);
        nextTry = at.plusSeconds(rules.periodS());
        try {
            String said = off.run();
            if (!said.isBlank()) {
                info.accept("power-off said: " + said.strip());
            }
        } catch (IOException e) {
            // the alarm and the record stay: a power-off killed by the shutdown it started is no failure, and an
            // alarm that comes while the board runs does nothing; the next start tells whether it went off
            nextTry = now.plusSeconds(rules.periodS());
            record("cycle " + cycle + ": the power-off failed, staying awake until the next try at " + stamp(nextTry)
                    + ": " + e.getMessage(), warn);
        }
        cycle++;
    }

    private void record(String line, Consumer<String> level) throws IOException {
        level.accept("Duty cycle: " + line);
        if (Files.exists(log) && Files.size(log) > LOG_BYTES) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(log, Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String stamp(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String words(long seconds) {
        return Words.duration(seconds * 1000);
    }
}
