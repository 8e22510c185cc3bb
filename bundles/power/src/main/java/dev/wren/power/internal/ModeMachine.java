package dev.wren.power.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.wren.power.PowerMode;
import dev.wren.power.internal.Inputs.Input;
import dev.wren.power.internal.Inputs.Sample;

/**
 * The power mode decision: a pure state machine driven by the caller's clock (no threads, no
 * OSGi), so a test can run a day in milliseconds. Not thread-safe; the power manager calls it
 * under its lock.
 *
 * <p>Rules, with the thresholds of {@link Settings} (defaults in brackets):
 * <ul>
 * <li><b>MINIMAL</b> when the battery is at or below {@code minimal.enter} (10 %) and not
 *     charging, or the temperature is at or above {@code temperature.critical} (85 degC). It is
 *     left only when the battery is at or above {@code minimal.exit} (15 %) or charging, and the
 *     temperature is at or below critical - {@code temperature.hysteresis} (80 degC).</li>
 * <li><b>DEGRADED</b> when the battery is at or below {@code degraded.enter} (30 %) and not
 *     charging, or the uplink has been down for longer than {@code uplink.grace.s} (60 s), or
 *     the Pi is throttling now, or the temperature is at or above {@code temperature.warm}
 *     (75 degC). Left when the battery is at or above {@code degraded.exit} (35 %) or charging,
 *     the temperature is at or below warm - hysteresis (70 degC), the uplink is up (or unknown)
 *     and nothing throttles.</li>
 * <li>Otherwise <b>FULL</b>.</li>
 * </ul>
 * An unknown input (never seen, or older than {@code stale.s}) meets no condition: unknown is
 * never bad. A battery whose charging state is unknown counts as not charging: the low charge is
 * the known fact. Moves to a leaner mode are immediate; a move to a richer mode waits until
 * {@code dwell.s} (60 s) have passed since the last transition, so a value wobbling at a
 * threshold cannot make the mode flap. {@code mode.override} forces a mode at once, in either
 * direction, with the reason "override".
 *
 * <p>{@link #reason()} lists every cause of the current mode, joined with "; ". It follows the
 * causes within a mode when their kinds change (battery, then battery and uplink) without a
 * transition; the wording of a kept cause is that of when it appeared.
 */
final class ModeMachine {

    /** One condition met: a kind (battery, temperature, throttling, uplink, override) and words. */
    private record Cause(String kind, String words) {
    }

    private Settings settings;
    private PowerMode mode = PowerMode.FULL;
    private List<Cause> causes = List.of();
    private String reason = "no limits known";
    private long since;

    ModeMachine(Settings settings, long now) {
        this.settings = settings;
        this.since = now;
    }

    /** Takes effect at the next {@link #evaluate}. */
    void settings(Settings next) {
        settings = next;
    }

    PowerMode mode() {
        return mode;
    }

    String reason() {
        return reason;
    }

    /** @return when the current mode was entered, ms since the epoch */
    long since() {
        return since;
    }

    /**
     * Decides the mode from the inputs as of {@code now}.
     *
     * @return the transition, if the mode changed
     */
    Optional<Transition> evaluate(Inputs in, long now) {
        Settings s = settings;
        PowerMode target;
        List<Cause> found;
        if (s.override() != null) {
            target = s.override();
            found = List.of(new Cause("override", "override"));
        } else {
            found = minimalCauses(s, in, now);
            target = PowerMode.MINIMAL;
            if (found.isEmpty()) {
                found = degradedCauses(s, in, now);
                target = found.isEmpty() ? PowerMode.FULL : PowerMode.DEGRADED;
            }
        }
        if (found.isEmpty()) {
            found = List.of(new Cause("none", "no limits reached"));
        }
        if (target == mode) {
            if (!kinds(found).equals(kinds(causes))) {
                causes = found;
                reason = words(found);
            }
            return Optional.empty();
        }
        boolean richer = target.compareTo(mode) < 0;
        if (richer && s.override() == null && now - since < s.dwellMillis()) {
            return Optional.empty();
        }
        Transition t = new Transition(now, mode, target, words(found));
        mode = target;
        causes = found;
        reason = t.reason();
        since = now;
        return Optional.of(t);
    }

    private List<Cause> minimalCauses(Settings s, Inputs in, long now) {
        boolean staying = mode == PowerMode.MINIMAL;
        List<Cause> out = new ArrayList<>(2);
        battery(in, now, s, staying, s.minimalEnter(), s.minimalExit(), out);
        Sample t = in.temperature(now, s.staleMillis());
        if (t != null) {
            double leave = s.critical() - s.hysteresis();
            if (!staying && t.value() >= s.critical()) {
                out.add(new Cause("temperature", "temperature " + Words.number(t.value()) + " degC at or above "
                        + Words.number(s.critical()) + " degC"));
            } else if (staying && t.value() > leave) {
                out.add(new Cause("temperature", "temperature " + Words.number(t.value()) + " degC above "
                        + Words.number(leave) + " degC"));
            }
        }
        return out;
    }

    private List<Cause> degradedCauses(Settings s, Inputs in, long now) {
        boolean staying = mode != PowerMode.FULL;
        List<Cause> out = new ArrayList<>(4);
        battery(in, now, s, staying, s.degradedEnter(), s.degradedExit(), out);
        Sample t = in.temperature(now, s.staleMillis());
        if (t != null) {
            double leave = s.warm() - s.hysteresis();
            if (!staying && t.value() >= s.warm()) {
                out.add(new Cause("temperature", "temperature " + Words.number(t.value()) + " degC at or above "
                        + Words.number(s.warm()) + " degC"));
            } else if (staying && t.value() > leave) {
                out.add(new Cause("temperature", "temperature " + Words.number(t.value()) + " degC above "
                        + Words.number(leave) + " degC"));
            }
        }
        Sample throttled = in.fresh(Input.THROTTLED, now, s.staleMillis());
        if (throttled != null && throttled.on()) {
            out.add(new Cause("throttling", "throttling now"
                    + (throttled.note().isEmpty() ? "" : ": " + throttled.note())));
        }
        if (Boolean.FALSE.equals(in.uplinkConnected()) && now - in.uplinkSince() > s.graceMillis()) {
            out.add(new Cause("uplink", "uplink down for " + Words.duration(now - in.uplinkSince())));
        }
        return out;
    }

    /** Adds the battery cause: at or below {@code enter} on the way in, below {@code exit} while staying. */
    private static void battery(Inputs in, long now, Settings s, boolean staying, double enter, double exit,
            List<Cause> out) {
        Sample soc = in.fresh(Input.SOC, now, s.staleMillis());
        if (soc == null) {
            return;
        }
        Sample external = in.fresh(Input.EXTERNAL, now, s.staleMillis());
        if (external != null && external.on()) {
            return;
        }
        String charging = external == null ? "charging unknown" : "not charging";
        String v = "battery " + Words.number(soc.value()) + " %";
        if (!staying && soc.value() <= enter) {
            out.add(new Cause("battery", v + " at or below " + Words.number(enter) + " %, " + charging));
        } else if (staying && soc.value() < exit) {
            out.add(new Cause("battery", v + " below " + Words.number(exit) + " %, " + charging));
        }
    }

    private static List<String> kinds(List<Cause> causes) {
        return causes.stream().map(Cause::kind).toList();
    }

    private static String words(List<Cause> causes) {
        return String.join("; ", causes.stream().map(Cause::words).toList());
    }
}
