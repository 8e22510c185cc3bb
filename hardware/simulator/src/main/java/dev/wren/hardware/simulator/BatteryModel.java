package dev.wren.hardware.simulator;

/**
 * A single-cell Li-ion battery feeding the gateway, as a fuel gauge and a current monitor see
 * it: charge integrated over {@link SimClock} time, an open-circuit voltage that follows the
 * state of charge, and an internal resistance.
 *
 * <p>The battery current is the gateway's {@linkplain #loadCurrentA() load} while no external
 * power is present; with external power (USB, solar) the charger feeds the load and charges the
 * cell with its {@linkplain #chargeCurrentA(double) charging current}, tapering linearly from 90 %
 * to nothing at 100 % (the constant-voltage phase). Terminal voltage = OCV(SoC) - I x R, with I
 * positive when discharging.
 *
 * <p>Charge is integrated lazily on each access, in steps of at most a minute of simulated time;
 * no thread runs. Thread-safe.
 */
public final class BatteryModel {

    /** Open-circuit voltage at 0, 10, ..., 100 % state of charge: a typical LiCoO2/NMC cell at 25 degC. */
    private static final double[] OCV = {3.00, 3.55, 3.66, 3.72, 3.77, 3.81, 3.86, 3.92, 3.99, 4.08, 4.20};

    private static final long MAX_STEP_NANOS = 60_000_000_000L;
    private static final double NANOS_PER_HOUR = 3.6e12;

    private final SimClock clock;
    private final double capacityMah;
    private final double internalOhms;
    private double soc;
    private double loadA = 0.6;
    private double chargeA = 1.0;
    private boolean external;
    private long last;

    /**
     * @param clock        the time charge follows
     * @param capacityMah  rated capacity in mAh, above 0
     * @param internalOhms internal resistance in ohms, 0 or more (a healthy 18650: about 0.05)
     * @param soc          initial state of charge, 0 to 1
     */
    public BatteryModel(SimClock clock, double capacityMah, double internalOhms, double soc) {
        this.clock = clock;
        this.capacityMah = Environment.check(capacityMah, Double.MIN_VALUE, 1e7, "capacity (mAh)");
        this.internalOhms = Environment.check(internalOhms, 0, 10, "internal resistance (ohm)");
        this.soc = Environment.check(soc, 0, 1, "state of charge");
        this.last = clock.nanos();
    }

    /** A 3000 mAh 18650 cell, 50 milliohms, full; the gateway draws 0.6 A; charger 1 A, unplugged. */
    public static BatteryModel typical(SimClock clock) {
        return new BatteryModel(clock, 3000, 0.05, 1.0);
    }

    public double capacityMah() {
        return capacityMah;
    }

    public double internalOhms() {
        return internalOhms;
    }

    /** @return state of charge now, 0 to 1 */
    public synchronized double soc() {
        advance();
        return soc;
    }

    /** Sets the state of charge (a scenario's "battery at 18 %"), 0 to 1. */
    public synchronized void soc(double fraction) {
        advance();
        soc = Environment.check(fraction, 0, 1, "state of charge");
    }

    /** @return what the gateway draws, in A */
    public synchronized double loadCurrentA() {
        return loadA;
    }

    /** Sets what the gateway draws, in A, 0 to 10 (from now on). */
    public synchronized void loadCurrentA(double amps) {
        advance();
        loadA = Environment.check(amps, 0, 10, "load current (A)");
    }

    /** Sets the charger's constant-current phase, in A, 0 to 10 (from now on). */
    public synchronized void chargeCurrentA(double amps) {
        advance();
        chargeA = Environment.check(amps, 0, 10, "charging current (A)");
    }

    /** @return whether external power (USB, solar) is present */
    public synchronized boolean externalPower() {
        return external;
    }

    /** Plugs or unplugs external power (from now on). */
    public synchronized void externalPower(boolean present) {
        advance();
        external = present;
    }

    /** @return the current out of the cell now, in A: positive discharging, negative charging */
    public synchronized double cellCurrentA() {
        advance();
        return current(soc);
    }

    /** @return the open-circuit voltage now, in V */
    public synchronized double openCircuitVolts() {
        advance();
        return ocv(soc);
    }

    /** @return the voltage at the cell's terminals now, in V: OCV - I x R */
    public synchronized double terminalVolts() {
        advance();
        return ocv(soc) - current(soc) * internalOhms;
    }

    /** @return how fast the state of charge changes now, in % per hour (negative discharging) */
    public synchronized double ratePercentPerHour() {
        advance();
        return -current(soc) / (capacityMah / 1000) * 100;
    }

    /** @return the open-circuit voltage at a state of charge 0 to 1, interpolated in a typical curve */
    public static double ocv(double soc) {
        double x = Math.min(1, Math.max(0, soc)) * (OCV.length - 1);
        int i = Math.min((int) x, OCV.length - 2);
        return OCV[i] + (OCV[i + 1] - OCV[i]) * (x - i);
    }

    private double current(double s) {
        if (!external) {
            return s > 0 ? loadA : 0;
        }
        double taper = s < 0.9 ? 1 : Math.max(0, (1 - s) / 0.1);
        return -chargeA * taper;
    }

    private void advance() {
        long now = clock.nanos();
        while (now - last > 0) {
            long step = Math.min(now - last, MAX_STEP_NANOS);
            double ah = current(soc) * step / NANOS_PER_HOUR;
            soc = Math.min(1, Math.max(0, soc - ah / (capacityMah / 1000)));
            last += step;
        }
    }
}
