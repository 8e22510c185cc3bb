package dev.wren.power.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;

import dev.wren.power.PowerMode;
import dev.wren.power.PowerState;

/**
 * What the actuator components share: the binding to the power manager, a {@link ModeFollower}
 * that applies each mode and gives the board back at deactivation, and the saving they report.
 * A subclass builds its target at activation and hands it to {@link #start}.
 */
public abstract class ModeActuator implements Actuator {

    /** Builds the target from the configuration; problems reading the board go to {@code problems}. */
    interface Build {
        ModeFollower.Target build(List<String> problems) throws IOException;
    }

    private final String name;
    private final ModeFollower follower;

    protected ModeActuator(String name) {
        this.name = name;
        follower = new ModeFollower(name);
    }

    /**
     * Builds the target and starts following the mode with it, when {@code enabled}; a refused
     * configuration is logged at ERROR naming {@code pid}, a board with nothing to act on at WARN, and
     * the component then does nothing. Not enabled it touches nothing: Kura seeds a configuration for
     * every component it finds, so a configuration alone is no operator's request.
     */
    void start(String pid, Logger log, boolean enabled, Build build) {
        if (!enabled) {
            log.info("{}: off (enabled=false in {})", name, pid);
            return;
        }
        List<String> problems = new ArrayList<>();
        try {
            ModeFollower.Target target = build.build(problems);
            problems.forEach(p -> log.warn("{}: {}", name, p));
            follower.start(target, log);
        } catch (IllegalArgumentException e) {
            log.error("Configuration {} refused: {}", pid, e.getMessage());
        } catch (IOException e) {
            log.warn("{}: nothing to act on: {}", name, e.getMessage());
        }
    }

    /** @return the {@code off.from} setting as a mode; the target refuses FULL with its own words */
    static PowerMode offFrom(String name) {
        try {
            return PowerMode.valueOf(name.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("off.from: " + name + " is not DEGRADED or MINIMAL", e);
        }
    }

    @Deactivate
    void deactivate() {
        follower.stop();
    }

    @Override
    public double savingW(PowerMode mode, BoardProfile board) {
        return follower.savingW(mode, board);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPowerState(PowerState state) {
        follower.bind(state);
    }

    void updatedPowerState(PowerState state) {
        follower.changed();
    }

    void unsetPowerState(PowerState state) {
        follower.unbind(state);
    }
}
