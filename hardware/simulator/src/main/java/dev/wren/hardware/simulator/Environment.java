package dev.wren.hardware.simulator;

/**
 * The air around the board, as an environmental sensor measures it. Values are set by
 * scenarios and tests; chips read them at each conversion.
 */
public final class Environment {

    private volatile double temperatureC = 22.0;
    private volatile double pressurePa = 101_325.0;
    private volatile double humidityPercent = 45.0;

    public double temperatureC() {
        return temperatureC;
    }

    public double pressurePa() {
        return pressurePa;
    }

    public double humidityPercent() {
        return humidityPercent;
    }

    /** @param c air temperature in degC, -40 to 85 (the range of common sensors) */
    public void temperatureC(double c) {
        temperatureC = check(c, -40, 85, "temperature (degC)");
    }

    /** @param pa air pressure in Pa, 30 000 to 110 000 */
    public void pressurePa(double pa) {
        pressurePa = check(pa, 30_000, 110_000, "pressure (Pa)");
    }

    /** @param rh relative humidity in %, 0 to 100 */
    public void humidityPercent(double rh) {
        humidityPercent = check(rh, 0, 100, "humidity (%)");
    }

    static double check(double v, double min, double max, String what) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(what + " must be " + min + " to " + max + ", was " + v);
        }
        return v;
    }
}
