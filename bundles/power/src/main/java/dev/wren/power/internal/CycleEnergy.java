package dev.wren.power.internal;

/**
 * The energy of one duty cycle: awake at the awake draw, then halted at the board's halted draw
 * until the next wake.
 *
 * @param periodS from one wake to the next, s
 * @param awakeS  from power-on to power-off, boot and shutdown included, s
 */
record CycleEnergy(double periodS, double awakeS) {

    /**
     * The modelled cycle of docs/power.md: every 15 minutes, 60 s awake (boot to ready about 20 s,
     * the cycle's work 30 s, shutdown 10 s; not measured on a board).
     */
    static final CycleEnergy DEFAULT = new CycleEnergy(900, 60);

    /** @return J spent in the cycle */
    double joules(double awakeW, double haltW) {
        return awakeS * awakeW + Math.max(0, periodS - awakeS) * haltW;
    }

    /** @return the cycle's mean draw, W */
    double meanW(double awakeW, double haltW) {
        return joules(awakeW, haltW) / Math.max(periodS, awakeS);
    }
}
