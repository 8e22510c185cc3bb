package dev.wren.hardware.simulator.chips;

/**
 * The trimming parameters a BME280 holds in its NVM (datasheet section 4.2.2), and the
 * double-precision compensation of section 8.1 run backwards: from a physical value to the raw
 * ADC output that the chip would report for it.
 */
public record Bme280Calibration(int t1, int t2, int t3,
                                int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9,
                                int h1, int h2, int h3, int h4, int h5, int h6) {

    /** Bosch's worked example for temperature and pressure, with humidity trimming of a real part. */
    public static final Bme280Calibration EXAMPLE = new Bme280Calibration(27504, 26435, -1000,
            36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
            75, 362, 0, 313, 50, 30);

    /** @return t_fine for a temperature in degC (t_fine = T * 5120) */
    static double tFine(double celsius) {
        return celsius * 5120.0;
    }

    /** @return the 20-bit raw temperature whose compensation gives {@code tFine} */
    int rawTemperature(double tFine) {
        // t_fine = T2*u + T3*u^2/64 with u = adcT/16384 - T1/1024
        double a = t3 / 64.0;
        double u = a == 0 ? tFine / t2 : (-t2 + Math.sqrt((double) t2 * t2 + 4 * a * tFine)) / (2 * a);
        return clamp20((u + t1 / 1024.0) * 16384.0);
    }

    /** @return the 20-bit raw pressure whose compensation at {@code tFine} gives {@code pascal} */
    int rawPressure(double pascal, double tFine) {
        double var1 = tFine / 2.0 - 64000.0;
        double var2 = var1 * var1 * p6 / 32768.0;
        var2 = var2 + var1 * p5 * 2.0;
        var2 = var2 / 4.0 + p4 * 65536.0;
        var1 = (p3 * var1 * var1 / 524288.0 + p2 * var1) / 524288.0;
        var1 = (1.0 + var1 / 32768.0) * p1;
        // p = p0 + (P9*p0^2/2^31 + P8*p0/32768 + P7)/16, solved for p0 by Newton's method
        double p0 = pascal;
        for (int i = 0; i < 20; i++) {
            double f = p0 + (p9 * p0 * p0 / 2147483648.0 + p0 * p8 / 32768.0 + p7) / 16.0 - pascal;
            double df = 1 + (2 * p9 * p0 / 2147483648.0 + p8 / 32768.0) / 16.0;
            p0 -= f / df;
        }
        return clamp20(1048576.0 - var2 / 4096.0 - p0 * var1 / 6250.0);
    }

    /** @return the 16-bit raw humidity whose compensation at {@code tFine} gives {@code percent} */
    int rawHumidity(double percent, double tFine) {
        double v = tFine - 76800.0;
        double offset = h4 * 64.0 + h5 / 16384.0 * v;
        double gain = h2 / 65536.0 * (1.0 + h6 / 67108864.0 * v * (1.0 + h3 / 67108864.0 * v));
        double k = h1 / 524288.0;
        double h = k == 0 ? percent : (1 - Math.sqrt(1 - 4 * k * percent)) / (2 * k);
        long raw = Math.round(h / gain + offset);
        return (int) Math.max(0, Math.min(0xFFFF, raw));
    }

    private static int clamp20(double raw) {
        return (int) Math.max(0, Math.min(0xFFFFF, Math.round(raw)));
    }
}
