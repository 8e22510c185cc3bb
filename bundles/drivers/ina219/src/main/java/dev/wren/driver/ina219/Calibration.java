package dev.wren.driver.ina219;

import java.util.Locale;

/**
 * The INA219's calibration (SBOS448 section 8.5.1): Current_LSB = max expected current / 2^15,
 * Cal = trunc(0.04096 / (Current_LSB x R_shunt)), Power_LSB = 20 x Current_LSB. The chip ignores
 * bit 0 of Cal, so {@link #register()} is even; {@link #ampsPerBit()} is the current step that
 * register really gives, 0.04096 / (Cal x R_shunt), a hair above the nominal Current_LSB.
 *
 * @param shuntOhms the shunt resistor, ohms
 * @param register  the calibration register value, 2 to 0xFFFE, even
 */
record Calibration(double shuntOhms, int register) {

    Calibration {
        if (!(shuntOhms > 0) || register < 2 || register > 0xFFFE || (register & 1) != 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "no INA219 calibration 0x%X for %.6f ohm", register, shuntOhms));
        }
    }

    /**
     * @throws IllegalArgumentException naming {@code max.current.a} and {@code shunt.ohms} when
     *         Cal falls outside 2 to 0xFFFE (the pair asks for a finer or coarser step than the
     *         chip can give)
     */
    static Calibration forMaxCurrent(double shuntOhms, double maxCurrentA) {
        double lsb = maxCurrentA / 32768;
        double cal = Math.floor(0.04096 / (lsb * shuntOhms));
        if (!(cal >= 2 && cal <= 0xFFFF)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "max.current.a: %s A through shunt.ohms %s ohm gives a calibration of %.0f, "
                    + "which does not fit the INA219's 16-bit register (2 to 65534)", maxCurrentA, shuntOhms, cal));
        }
        return new Calibration(shuntOhms, (int) cal & 0xFFFE);
    }

    /** @return amps per bit of the current register */
    double ampsPerBit() {
        return 0.04096 / (register * shuntOhms);
    }

    /** @return watts per bit of the power register */
    double wattsPerBit() {
        return 20 * ampsPerBit();
    }

    /** @return the largest current the current register can hold, in A */
    double maxAmps() {
        return Short.MAX_VALUE * ampsPerBit();
    }
}
