package dev.wren.power.internal;

import java.util.List;

import dev.wren.power.PowerMode;

/**
 * What one simulated day on the board produced.
 *
 * @param transitions  every mode change, in order
 * @param hours        the state on each full hour while the gateway ran
 * @param reasons      {@code HH:MM:SS MODE: reason} at 11:00 (uplink down) and 14:15 (heat at its peak)
 * @param energy       the draw measured per mode
 * @param inputs       the power manager's inputs at the end, with their discards
 * @param readings     readings the drivers delivered
 * @param transactions I2C transactions the simulated chips answered
 * @param brownOut     when the cell ran empty and the gateway stopped, ms since the epoch; 0 if it never did
 */
record BoardDay(List<Transition> transitions, List<Hour> hours, List<String> reasons, Energy energy, Inputs inputs,
        long readings, long transactions, long brownOut) {

    /**
     * @param at          ms since the epoch
     * @param soc         the gauge's state of charge, %
     * @param nominalH  the time to empty projected at the mode's draw with every percent at the nominal 3.7 V
     * @param voltsH    the same with the charge left at the cell's voltage, as the power manager publishes it
     */
    record Hour(long at, double soc, PowerMode mode, double nominalH, double voltsH) {

        @Override
        public String toString() {
            return Words.clock(at).substring(0, 5) + " " + Words.number(soc) + " % " + mode + " "
                    + Words.number(nominalH) + " / " + Words.number(voltsH) + " h";
        }
    }

    List<String> timeline() {
        return transitions.stream().map(Transition::toString).toList();
    }
}
