package dev.wren.power.internal;

import dev.wren.power.PowerMode;

/**
 * An actuator of this bundle as the power manager counts it: what it is modelled to save in a
 * mode on a board, so the modelled draw of a mode is the board's idle less what the actuators
 * configured there switch off. A mode whose last application was refused in part saves nothing.
 * Registered by each actuator component; private to the bundle.
 */
public interface Actuator {

    /** @return W saved in {@code mode} on {@code board}, 0 when it does nothing there */
    double savingW(PowerMode mode, BoardProfile board);
}
