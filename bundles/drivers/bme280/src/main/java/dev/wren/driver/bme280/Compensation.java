package dev.wren.driver.bme280;

import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;

/**
 * A BME280's trimming parameters and the datasheet's double-precision compensation formulas
 * (BST-BME280-DS002 section 8.1, appendix 8.1). {@code tFine} carries the temperature into the
 * pressure and humidity formulas.
 */
record Compensation(int t1, int t2, int t3, int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9,
                    int h1, int h2, int h3, int h4, int h5, int h6) {

    /**
     * @param tp 26 bytes from 0x88 (0x88..0xA1)
     * @param h  7 bytes from 0xE1 (0xE1..0xE7)
     * @throws SensorException when the parameters cannot be a calibrated chip's (NVM not loaded,
     *         bytes corrupted on the bus)
     */
    static Compensation parse(byte[] tp, byte[] h, String where) throws SensorException {
        Compensation c = new Compensation(u16(tp, 0), s16(tp, 2), s16(tp, 4),
                u16(tp, 6), s16(tp, 8), s16(tp, 10), s16(tp, 12), s16(tp, 14), s16(tp, 16), s16(tp, 18),
                s16(tp, 20), s16(tp, 22),
                tp[25] & 0xFF, s16(h, 0), h[2] & 0xFF,
                (h[3] << 4) | (h[4] & 0x0F), (h[5] << 4) | ((h[4] & 0xFF) >> 4), h[6]);
        if (c.t1 == 0 || c.p1 == 0 || c.t2 == 0 || c.h2 == 0) {
            throw new SensorException(Fault.CORRUPT_DATA, "calibration of the BME280 at " + where
                    + " is not plausible (T1 " + c.t1 + ", T2 " + c.t2 + ", P1 " + c.p1 + ", H2 " + c.h2 + ")");
        }
        return c;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8);
    }

    private static int s16(byte[] b, int i) {
        return (short) u16(b, i);
    }

    double tFine(int adcT) {
        double var1 = (adcT / 16384.0 - t1 / 1024.0) * t2;
        double d = adcT / 131072.0 - t1 / 8192.0;
        return var1 + d * d * t3;
    }

    static double temperature(double tFine) {
        return tFine / 5120.0;
    }

    /** @return pressure in Pa, or 0 when the formula would divide by zero */
    double pressure(int adcP, double tFine) {
        double var1 = tFine / 2.0 - 64000.0;
        double var2 = var1 * var1 * p6 / 32768.0;
        var2 = var2 + var1 * p5 * 2.0;
        var2 = var2 / 4.0 + p4 * 65536.0;
        var1 = (p3 * var1 * var1 / 524288.0 + p2 * var1) / 524288.0;
        var1 = (1.0 + var1 / 32768.0) * p1;
        if (var1 == 0.0) {
            return 0;
        }
        double p = 1048576.0 - adcP;
        p = (p - var2 / 4096.0) * 6250.0 / var1;
        var1 = p9 * p * p / 2147483648.0;
        var2 = p * p8 / 32768.0;
        return p + (var1 + var2 + p7) / 16.0;
    }

    /** @return relative humidity in %, clamped to 0..100 as the datasheet does */
    double humidity(int adcH, double tFine) {
        double v = tFine - 76800.0;
        v = (adcH - (h4 * 64.0 + h5 / 16384.0 * v)) * (h2 / 65536.0 * (1.0 + h6 / 67108864.0 * v * (1.0 + h3 / 67108864.0 * v)));
        v = v * (1.0 - h1 * v / 524288.0);
        return Math.max(0, Math.min(100, v));
    }
}
