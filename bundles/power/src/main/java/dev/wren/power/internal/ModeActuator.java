package dev.wren.power.internal;

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

    private final ModeFollower follower;

    protected ModeActuator(String name) {
        follower = new ModeFollower(name);
    }

    /** @return the {@code off.from} setting as a mode; the target refuses FULL with its own words */
    static PowerMode offFrom(String name) {
        try {
            return PowerMode.valueOf(name.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("off.from: " + name + " is not DEGRADED or MINIMAL", e);
        }
    }

    void start(ModeFollower.Target target, Logger log) {
        follower.start(target, log);
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
