package dev.wren.power.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.service.log.Logger;

import dev.wren.power.PowerMode;
import dev.wren.power.PowerState;

/**
 * Runs an actuator on every mode the power manager decides and gives the board back what the
 * actuator found when it stops; holds the component's binding to the power manager. Logs what it
 * wrote, per mode, with the time from the decision to the last write (at start: the mode it found);
 * each problem (an attribute missing, refusing a value, a governor the kernel lacks) is logged once
 * at WARN, by name, and never reaches the power manager. Thread-safe.
 */
final class ModeFollower {

    /** What an actuator does; each returns what it wrote and appends what failed to {@code problems}. */
    interface Target {
        List<String> apply(PowerMode mode, List<String> problems);

        List<String> restore(List<String> problems);

        /** Drops what it kept of what it found, once all of it is given back. */
        void forget() throws IOException;

        /** @return W it is modelled to save in {@code mode} on {@code board} when every write takes */
        double savingW(PowerMode mode, BoardProfile board);
    }

    private final String name;
    private final AtomicReference<PowerState> power = new AtomicReference<>();
    private final Set<String> reported = new HashSet<>();
    private Target target;
    private Logger log;
    private PowerMode applied = PowerMode.FULL;
    private final Set<PowerMode> refused = EnumSet.noneOf(PowerMode.class);

    ModeFollower(String name) {
        this.name = name;
    }

    /** The power manager bound (Declarative Services may bind it before {@link #start}). */
    void bind(PowerState state) {
        power.set(state);
        changed();
    }

    /** A greedy replacement binds the new service before unbinding the old: only the bound one counts. */
    void unbind(PowerState state) {
        power.compareAndSet(state, null);
        changed();
    }

    /** Starts acting through {@code target}, at once in the current mode. */
    synchronized void start(Target t, Logger logger) {
        target = t;
        log = logger;
        applied = PowerMode.FULL;
        follow(true);
    }

    /** Gives back what was found, whatever mode was applied, and stops acting. */
    synchronized void stop() {
        if (target == null) {
            return;
        }
        List<String> problems = new ArrayList<>();
        List<String> done = target.restore(problems);
        if (problems.isEmpty()) {
            try {
                target.forget();
            } catch (IOException e) {
                problems.add("what it found stays kept: " + e.getMessage());
            }
        }
        log.info("{}: stopping, board left as found: {}", name, done.isEmpty() ? "nothing written" : String.join(", ", done));
        report(problems);
        target = null;
        applied = PowerMode.FULL;
        refused.clear();
    }

    /** @return W the target saves in {@code mode}: 0 when stopped or when a write of that mode was refused */
    synchronized double savingW(PowerMode mode, BoardProfile board) {
        return target == null || refused.contains(mode) ? 0 : target.savingW(mode, board);
    }

    /** Applies the bound state's mode if it is not the one applied; no power manager counts as FULL. */
    synchronized void changed() {
        follow(false);
    }

    private void follow(boolean atStart) {
        if (target == null) {
            return;
        }
        PowerState state = power.get();
        PowerMode mode = state == null ? PowerMode.FULL : state.mode();
        if (mode == applied) {
            return;
        }
        List<String> problems = new ArrayList<>();
        List<String> done = target.apply(mode, problems);
        applied = mode;
        if (problems.isEmpty()) {
            refused.remove(mode);
        } else {
            refused.add(mode);
        }
        String when = atStart ? "at start" : state == null ? "as the power manager left"
                : Math.max(0, Duration.between(state.since(), Instant.now()).toMillis()) + " ms after the decision";
        log.info("{}: {} applied {}{}: {}", name, mode, when, state == null ? "" : " (" + state.reason() + ")",
                done.isEmpty() ? "nothing written" : String.join(", ", done));
        report(problems);
    }

    private void report(List<String> problems) {
        for (String p : problems) {
            if (reported.add(p)) {
                log.warn("{}: {}", name, p);
            }
        }
    }
}
