package dev.wren.driver.bme280;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.wren.sensor.SensorException;

class CompensationTest {

    /** Bosch's worked example, BST-BME280-DS002 appendix: 25.08 degC, 100653.27 Pa. */
    @Test
    void datasheetTestVector() throws SensorException {
        byte[] tp = new byte[26];
        int[] words = {27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000};
        for (int i = 0; i < words.length; i++) {
            tp[2 * i] = (byte) words[i];
            tp[2 * i + 1] = (byte) (words[i] >> 8);
        }
        byte[] h = {0x6A, 0x01, 0x00, 0x13, 0x29, 0x03, 0x1E};
        Compensation c = Compensation.parse(tp, h, "test");
        double tFine = c.tFine(519888);
        assertEquals(25.08, Compensation.temperature(tFine), 0.005);
        assertEquals(100653.27, c.pressure(415148, tFine), 0.01);
        assertEquals(362, c.h2());
        assertEquals(0x13 * 16 + 9, c.h4());
        assertEquals(0x03 * 16 + 2, c.h5());
    }

    @Test
    void refusesCalibrationOfABlankChip() {
        SensorException e = assertThrows(SensorException.class, () -> Compensation.parse(new byte[26], new byte[7], "0x76 on i2c-1"));
        assertEquals(SensorException.Fault.CORRUPT_DATA, e.fault());
    }
}
