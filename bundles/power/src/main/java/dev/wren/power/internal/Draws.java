package dev.wren.power.internal;

import dev.wren.power.PowerMode;

/**
 * The power manager's energy figures for the other components of this bundle, registered with
 * its {@link dev.wren.power.PowerState} (same object, same properties); private to the bundle.
 */
public interface Draws {

    /** @return the draw of {@code mode}, W: measured by an INA219, configured, or modelled */
    double watts(PowerMode mode);

    /** @return whether {@link #watts} of {@code mode} is measured */
    boolean measured(PowerMode mode);

    /** @return the board whose published figures the model uses */
    BoardProfile board();
}
