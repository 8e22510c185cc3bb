package dev.wren.inference.features;

import java.util.Arrays;
import java.util.Objects;

/**
 * Feature set {@value #NAME}: {@value #COUNT} numbers that describe one window of three-axis
 * acceleration, for models of machine vibration (imbalance, misalignment, bearing faults).
 *
 * <p><b>Input.</b> {@code frames} frames of x, y, z interleaved ({@code x0 y0 z0 x1 ...}), in g,
 * sampled at {@code rateHz}; every sample finite.
 *
 * <p><b>Output.</b> For each axis {@code a} (x = 0, y = 1, z = 2) eight values at
 * {@code a * }{@value #PER_AXIS}{@code  + i}, computed in double precision and stored as float:
 * <ol start="0">
 * <li>{@link #RMS}: the AC RMS in g, {@code r = sqrt(m2)} with {@code m2 = mean((s - mean(s))^2)}
 * (population moments, sums divided by {@code frames}; {@code mean(s)} the double sum of the
 * axis's samples divided by {@code frames}).</li>
 * <li>{@link #CREST}: the crest factor, {@code max |s - mean(s)| / r}.</li>
 * <li>{@link #KURTOSIS}: {@code m4 / m2^2} with {@code m4 = mean((s - mean(s))^4)} (3 for
 * Gaussian noise, 1.5 for a sine; not the excess). Crest factor and kurtosis are 0 when
 * {@code m2} is 0 (a constant axis).</li>
 * <li>{@link #BANDS} .. 7: the energy of band {@code b} = 0 .. 4, {@code log10(}{@value #FLOOR}{@code  + E_b)},
 * with {@code E_b} in g^2 as follows.</li>
 * </ol>
 *
 * <p><b>Band energies.</b> With {@code N = frames}, the periodic Hann window
 * {@code w_n = 0.5 - 0.5 cos(2 pi n / N)}, {@code n = 0 .. N-1}, and the DFT of the mean-removed,
 * windowed axis {@code X_k = sum_n (s_n - mean(s)) w_n exp(-2 pi i k n / N)}, the one-sided power
 * spectrum is {@code P_k = c_k |X_k|^2 / (N * 3N/8)} for {@code k = 0 .. N/2}, where
 * {@code 3N/8 = sum_n w_n^2} and {@code c_k} is 1 for {@code k = 0} and {@code k = N/2} and 2
 * otherwise. So the whole spectrum sums to about {@code m2}, and a sine of amplitude {@code A}
 * contributes about {@code A^2 / 2}. Bin {@code k} lies at {@code f_k = k * rateHz / N} Hz (computed
 * in double). {@code E_b} is the sum of {@code P_k} over the bins with {@code lo_b <= f_k < hi_b}
 * in the bands
 * <pre>
 *   b = 0: [5, 45) Hz     1x shaft order at 20-40 Hz shaft speed
 *   b = 1: [45, 75) Hz    2x
 *   b = 2: [75, 110) Hz   3x
 *   b = 3: [110, 250) Hz  bearing resonances (near 170 Hz)
 *   b = 4: [250, rateHz/2] Hz, the Nyquist bin included
 * </pre>
 * Bins below 5 Hz (and the DC bin) belong to no band. A band without bins (above the Nyquist
 * frequency of a low rate) has energy 0, so its feature is {@code log10(1e-9) = -9}.
 *
 * <p><b>Use.</b> One instance per window shape; it holds its work arrays, window and twiddle
 * factors, so {@link #compute} allocates nothing and runs an iterative radix-2 FFT. Instances are
 * <em>not</em> thread-safe: use one per thread. Models receive these raw values normalised with
 * the mean and standard deviation of their descriptor.
 */
public final class VibrationFeatures {

    /** The name of this feature set, as model descriptors give it. */
    public static final String NAME = "vibration-v1";

    /** The number of features: 3 axes of {@value #PER_AXIS}. */
    public static final int COUNT = 24;

    /** The number of features per axis. */
    public static final int PER_AXIS = 8;

    /** Offset within an axis: AC RMS in g. */
    public static final int RMS = 0;

    /** Offset within an axis: crest factor. */
    public static final int CREST = 1;

    /** Offset within an axis: kurtosis. */
    public static final int KURTOSIS = 2;

    /** Offset within an axis of the first of the five log10 band energies. */
    public static final int BANDS = 3;

    /** Added to each band energy (g^2) before the logarithm. */
    public static final double FLOOR = 1e-9;

    /** Lower edges of the bands in Hz; the last band ends at the Nyquist frequency, inclusive. */
    private static final double[] EDGES = {5, 45, 75, 110, 250};

    private final int frames;
    private final double rateHz;
    private final double[] window;
    /** Twiddles exp(-i pi j / half) at half + j, for every span half = 4, 8, .. frames / 2. */
    private final double[] wr;
    private final double[] wi;
    private final int[] reversed;
    /** Band of each bin 0 .. N/2, or -1. */
    private final int[] band;
    private final double[] re;
    private final double[] im;
    private final double[] energy = new double[3 * 5];
    private final double[] mean = new double[3];

    /**
     * @param frames frames per window, a power of two from 256 to 4096 (1024 at 1000 Hz is the usual)
     * @param rateHz frames per second, finite and positive
     * @throws IllegalArgumentException naming the argument that breaks its rule
     */
    public VibrationFeatures(int frames, double rateHz) {
        if (frames < 256 || frames > 4096 || Integer.bitCount(frames) != 1) {
            throw new IllegalArgumentException("frames must be a power of two from 256 to 4096, was " + frames);
        }
        if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("rateHz must be finite and positive, was " + rateHz);
        }
        this.frames = frames;
        this.rateHz = rateHz;
        window = new double[frames];
        wr = new double[frames];
        wi = new double[frames];
        reversed = new int[frames];
        band = new int[frames / 2 + 1];
        re = new double[frames];
        im = new double[frames];
        int bits = Integer.numberOfTrailingZeros(frames);
        for (int n = 0; n < frames; n++) {
            window[n] = 0.5 - 0.5 * StrictMath.cos(2 * Math.PI * n / frames);
            reversed[n] = Integer.reverse(n) >>> (32 - bits);
        }
        for (int half = 4; half < frames; half <<= 1) {
            for (int j = 0; j < half; j++) {
                wr[half + j] = StrictMath.cos(Math.PI * j / half);
                wi[half + j] = -StrictMath.sin(Math.PI * j / half);
            }
        }
        for (int k = 0; k <= frames / 2; k++) {
            band[k] = bandOf(k * rateHz / frames);
        }
    }

    private static int bandOf(double f) {
        int b = EDGES.length - 1;
        while (b >= 0 && f < EDGES[b]) {
            b--;
        }
        return b;
    }

    /** @return frames per window */
    public int frames() {
        return frames;
    }

    /** @return frames per second */
    public double rateHz() {
        return rateHz;
    }

    /**
     * Computes the {@value #COUNT} features of one window.
     *
     * @param samples   holds {@code frames() * 3} interleaved samples from {@code offset}, in g
     * @param offset    index of the first sample (x of the first frame)
     * @param out       receives the features at {@code outOffset .. outOffset + }{@value #COUNT}{@code  - 1}
     * @param outOffset where the first feature goes
     * @throws IllegalArgumentException if a sample is NaN or infinite; {@code out} is then untouched
     * @throws IndexOutOfBoundsException if either range does not fit its array
     */
    public void compute(float[] samples, int offset, float[] out, int outOffset) {
        Objects.checkFromIndexSize(offset, frames * 3, samples.length);
        Objects.checkFromIndexSize(outOffset, COUNT, out.length);
        double sx = 0;
        double sy = 0;
        double sz = 0;
        for (int n = 0, i = offset; n < frames; n++, i += 3) {
            float x = samples[i];
            float y = samples[i + 1];
            float z = samples[i + 2];
            if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
                throw notFinite(samples, offset, n);
            }
            sx += x;
            sy += y;
            sz += z;
        }
        mean[0] = sx / frames;
        mean[1] = sy / frames;
        mean[2] = sz / frames;
        for (int a = 0; a < 3; a++) {
            moments(samples, offset + a, mean[a], out, outOffset + a * PER_AXIS);
        }
        Arrays.fill(energy, 0);
        xy(samples, offset);
        z(samples, offset);
        for (int i = 0; i < energy.length; i++) {
            out[outOffset + i / 5 * PER_AXIS + BANDS + i % 5] = (float) StrictMath.log10(FLOOR + energy[i]);
        }
    }

    private static IllegalArgumentException notFinite(float[] samples, int offset, int frame) {
        int a = 0;
        while (Float.isFinite(samples[offset + 3 * frame + a])) {
            a++;
        }
        return new IllegalArgumentException("sample " + (3 * frame + a) + " (frame " + frame + ", axis "
                + "xyz".charAt(a) + ") must be finite, was " + samples[offset + 3 * frame + a]);
    }

    private void moments(float[] samples, int from, double m, float[] out, int at) {
        double m2 = 0;
        double m4 = 0;
        double peak = 0;
        for (int n = 0, i = from; n < frames; n++, i += 3) {
            double d = samples[i] - m;
            double d2 = d * d;
            m2 += d2;
            m4 += d2 * d2;
            peak = Math.max(peak, Math.abs(d));
        }
        m2 /= frames;
        m4 /= frames;
        double rms = Math.sqrt(m2);
        out[at + RMS] = (float) rms;
        out[at + CREST] = m2 == 0 ? 0f : (float) (peak / rms);
        out[at + KURTOSIS] = m2 == 0 ? 0f : (float) (m4 / (m2 * m2));
    }

    /** Spectra of x and y: two real signals as the real and the imaginary part of one complex FFT. */
    private void xy(float[] samples, int offset) {
        for (int n = 0; n < frames; n++) {
            int j = reversed[n];
            int i = offset + 3 * n;
            re[j] = (samples[i] - mean[0]) * window[n];
            im[j] = (samples[i + 1] - mean[1]) * window[n];
        }
        fft(frames);
        for (int k = 0; k <= frames / 2; k++) {
            int m = (frames - k) & (frames - 1);
            double sr = re[k] + re[m];
            double di = im[k] - im[m];
            double dr = re[k] - re[m];
            double si = im[k] + im[m];
            add(0, k, (sr * sr + di * di) / 4);
            add(1, k, (dr * dr + si * si) / 4);
        }
    }

    /**
     * Spectrum of z: one real signal as a complex one of half the length (even frames real, odd
     * imaginary), whose FFT splits into the even and odd halves' spectra {@code U}, {@code V};
     * then {@code Z_k = U_k + exp(-2 pi i k / N) V_k}.
     */
    private void z(float[] samples, int offset) {
        int h = frames / 2;
        for (int m = 0; m < h; m++) {
            int j = reversed[m] >> 1;
            int i = offset + 6 * m + 2;
            re[j] = (samples[i] - mean[2]) * window[2 * m];
            im[j] = (samples[i + 3] - mean[2]) * window[2 * m + 1];
        }
        fft(h);
        for (int k = 0; k <= h; k++) {
            int a = k & (h - 1);
            int b = (h - k) & (h - 1);
            double ur = (re[a] + re[b]) / 2;
            double ui = (im[a] - im[b]) / 2;
            double vr = (im[a] + im[b]) / 2;
            double vi = (re[b] - re[a]) / 2;
            double c = k == h ? -1 : wr[h + k];
            double s = k == h ? 0 : wi[h + k];
            double zr = ur + c * vr - s * vi;
            double zi = ui + c * vi + s * vr;
            add(2, k, zr * zr + zi * zi);
        }
    }

    /** Adds bin {@code k}'s one-sided power to its band, from {@code |X_k|^2}. */
    private void add(int axis, int k, double squared) {
        int b = band[k];
        if (b >= 0) {
            energy[axis * 5 + b] += (k == 0 || k == frames / 2 ? 8.0 : 16.0) / (3.0 * frames * frames) * squared;
        }
    }

    /**
     * In-place radix-2 decimation-in-time FFT of the first {@code n} values of {@code re, im},
     * already in bit-reversed order:
     * the first two stages as one twiddle-free radix-4 pass, then a stage per doubling with the
     * twiddles of span {@code half} at {@code wr[half + j], wi[half + j]}.
     */
    private void fft(int n) {
        for (int p = 0; p < n; p += 4) {
            double s0r = re[p] + re[p + 1];
            double s0i = im[p] + im[p + 1];
            double d0r = re[p] - re[p + 1];
            double d0i = im[p] - im[p + 1];
            double s1r = re[p + 2] + re[p + 3];
            double s1i = im[p + 2] + im[p + 3];
            double d1r = re[p + 2] - re[p + 3];
            double d1i = im[p + 2] - im[p + 3];
            re[p] = s0r + s1r;
            im[p] = s0i + s1i;
            re[p + 2] = s0r - s1r;
            im[p + 2] = s0i - s1i;
            re[p + 1] = d0r + d1i;
            im[p + 1] = d0i - d1r;
            re[p + 3] = d0r - d1i;
            im[p + 3] = d0i + d1r;
        }
        for (int half = 4; half < n; half <<= 1) {
            for (int start = 0; start < n; start += 2 * half) {
                for (int j = 0; j < half; j++) {
                    int p = start + j;
                    int q = p + half;
                    double c = wr[half + j];
                    double s = wi[half + j];
                    double qr = re[q];
                    double qi = im[q];
                    double xr = qr * c - qi * s;
                    double xi = qr * s + qi * c;
                    double pr = re[p];
                    double pi = im[p];
                    re[q] = pr - xr;
                    im[q] = pi - xi;
                    re[p] = pr + xr;
                    im[p] = pi + xi;
                }
            }
        }
    }
}
