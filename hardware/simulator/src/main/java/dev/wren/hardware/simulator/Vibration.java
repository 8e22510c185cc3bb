package dev.wren.hardware.simulator;

import java.util.Objects;

/**
 * The vibration of a rotating machine (a pump or fan on a foot-mounted motor) at the point where
 * an accelerometer is bolted on, as a pure function of time: the same seed and time give the same
 * sample, whatever the order of calls, so a chip may sample it lazily.
 *
 * <p>Axes as mounted: x radial horizontal, y axial (along the shaft), z radial vertical, upwards,
 * so z carries +1 g of gravity. Every condition has a small residual 1x and 2x shaft component
 * and Gaussian noise of {@link #noiseG()} on each axis; on top of it, scaled by
 * {@link #severity()}:
 * <ul>
 * <li>{@link Condition#IMBALANCE}: a strong 1x shaft-frequency component, rotating in the radial
 * plane (x and z in quadrature, z weaker: the foot is stiffer vertically), little axial.</li>
 * <li>{@link Condition#MISALIGNMENT}: strong 2x and 3x radial components and a large axial 1x
 * and 2x component.</li>
 * <li>{@link Condition#BEARING_FAULT}: an outer-race defect: impacts at BPFO
 * ({@value #BPFO_ORDER} x shaft speed, with 1 % slip jitter) modulated by the shaft rotation,
 * each ringing a structural resonance at {@value #RESONANCE_HZ} Hz that decays in a few
 * milliseconds, mostly on the loaded (vertical) axis; plus raised broadband noise. Impulsive:
 * the kurtosis of a window rises well above the 3 of Gaussian noise.</li>
 * </ul>
 * The content stays below the accelerometer's bandwidth at DLPF settings 0 and 1 (260 and 184 Hz),
 * so a chip model may sample it without filtering.
 *
 * <p>Thread-safe: the settings are volatile and may change while a chip samples; sampling
 * allocates nothing.
 */
public final class Vibration {

    /** Machine condition, each with its characteristic signature. */
    public enum Condition { NORMAL, IMBALANCE, MISALIGNMENT, BEARING_FAULT }

    /** Ball-pass frequency of the outer race, in orders of shaft speed (a typical 6205-size bearing). */
    public static final double BPFO_ORDER = 3.58;

    /** The structural resonance a bearing impact rings, in Hz. */
    public static final double RESONANCE_HZ = 170.0;

    /** Decay time constant of the resonance, in seconds. */
    static final double RING_TAU_S = 0.0015;

    private static final double TWO_PI = 2 * Math.PI;
    private static final double RESIDUAL_1X_G = 0.02;
    private static final double RESIDUAL_2X_G = 0.005;

    private final long seed;
    private volatile Condition condition = Condition.NORMAL;
    private volatile double shaftHz = 29.5;
    private volatile double noiseG = 0.01;
    private volatile double severity = 1.0;

    /** @param seed seeds the noise and the bearing's slip, for repeatable runs */
    public Vibration(long seed) {
        this.seed = seed;
    }

    public Condition condition() {
        return condition;
    }

    public double shaftHz() {
        return shaftHz;
    }

    public double noiseG() {
        return noiseG;
    }

    public double severity() {
        return severity;
    }

    public Vibration condition(Condition c) {
        condition = Objects.requireNonNull(c, "condition");
        return this;
    }

    /** @param hz shaft speed in revolutions per second, 1 to 100 (default 29.5 = 1770 rpm) */
    public Vibration shaftHz(double hz) {
        shaftHz = Environment.check(hz, 1, 100, "shaft speed (Hz)");
        return this;
    }

    /** @param g standard deviation of the noise on each axis, in g, 0 to 1 (default 0.01) */
    public Vibration noiseG(double g) {
        noiseG = Environment.check(g, 0, 1, "noise (g)");
        return this;
    }

    /** @param factor scales the fault signature, 0 (none) to 10 (default 1) */
    public Vibration severity(double factor) {
        severity = Environment.check(factor, 0, 10, "severity");
        return this;
    }

    /**
     * The acceleration at time {@code t}.
     *
     * @param t   seconds since the model's origin
     * @param out receives x, y, z in g
     */
    public void accel(double t, double[] out) {
        Condition c = condition;
        double f = shaftHz;
        double s = severity;
        double phase = TWO_PI * f * t;
        double c1 = Math.cos(phase);
        double s1 = Math.sin(phase);
        double c2 = Math.cos(2 * phase);
        double x = RESIDUAL_1X_G * c1 + RESIDUAL_2X_G * c2;
        double y = 0.2 * RESIDUAL_1X_G * s1;
        double z = 1.0 + RESIDUAL_1X_G * 0.8 * s1 + RESIDUAL_2X_G * Math.sin(2 * phase);
        double sigma = noiseG;
        switch (c) {
            case IMBALANCE -> {
                x += 0.30 * s * c1;
                z += 0.24 * s * s1;
                y += 0.03 * s * s1;
            }
            case MISALIGNMENT -> {
                double c3 = Math.cos(3 * phase + 0.4);
                x += s * (0.06 * c1 + 0.20 * c2 + 0.08 * c3);
                z += s * (0.05 * s1 + 0.16 * Math.sin(2 * phase + 0.3) + 0.06 * c3);
                y += s * (0.15 * s1 + 0.15 * Math.cos(2 * phase + 1.1));
            }
            case BEARING_FAULT -> {
                double ring = s * bearingRing(t, f) * (1 + 0.5 * c1);
                z += ring;
                x += 0.4 * ring;
                y += 0.15 * ring;
                sigma += 0.02 * s;
            }
            case NORMAL -> { }
        }
        long key = Math.round(t * 1e7);
        out[0] = x + sigma * gaussian(key, 0);
        out[1] = y + sigma * gaussian(key, 1);
        out[2] = z + sigma * gaussian(key, 2);
    }

    /**
     * The rotation rate at time {@code t}: the casing rocks slightly at 1x under imbalance and
     * misalignment; otherwise noise of 0.05 deg/s.
     *
     * @param out receives x, y, z in deg/s
     */
    public void gyro(double t, double[] out) {
        Condition c = condition;
        double rock = c == Condition.IMBALANCE || c == Condition.MISALIGNMENT ? 0.8 * severity : 0.0;
        double phase = TWO_PI * shaftHz * t;
        long key = Math.round(t * 1e7);
        out[0] = rock * Math.sin(phase) + 0.05 * gaussian(key, 3);
        out[1] = 0.05 * gaussian(key, 4);
        out[2] = 0.5 * rock * Math.cos(phase) + 0.05 * gaussian(key, 5);
    }

    /** The ringing of the impacts that happened up to {@code t}, unit amplitude per impact. */
    private double bearingRing(double t, double shaft) {
        double bpfo = BPFO_ORDER * shaft;
        double period = 1 / bpfo;
        long k = (long) Math.floor(t * bpfo) + 1;
        double sum = 0;
        for (int i = 0; i < 4; i++, k--) {
            double since = t - (k * period + 0.01 * period * uniform(k));
            if (since >= 0 && since < 8 * RING_TAU_S) {
                sum += Math.exp(-since / RING_TAU_S) * Math.sin(TWO_PI * RESONANCE_HZ * since);
            }
        }
        return sum;
    }

    /** A standard normal deviate that depends only on the seed, the key and the stream. */
    private double gaussian(long key, int stream) {
        long h = mix(seed ^ mix(key * 8 + stream));
        double u1 = ((h >>> 11) + 1) * 0x1.0p-53;
        double u2 = (mix(h) >>> 11) * 0x1.0p-53;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
    }

    /** @return a uniform deviate in -1 to 1 that depends only on the seed and {@code k} */
    private double uniform(long k) {
        return (mix(seed + 0x5DEECE66DL * k) >>> 11) * 0x1.0p-52 - 1;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
