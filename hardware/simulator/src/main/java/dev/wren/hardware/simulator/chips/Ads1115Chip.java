package dev.wren.hardware.simulator.chips;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

import dev.wren.hardware.simulator.SimClock;

/**
 * TI ADS1115 16-bit delta-sigma ADC (SBAS444) with four analog inputs whose voltages tests and
 * scenarios set.
 *
 * <p>Registers: 0 conversion (two's complement, {@code V x 32768 / FSR} clipped to 0x7FFF and
 * 0x8000), 1 configuration (reset 0x8583), 2 Lo_thresh (0x8000), 3 Hi_thresh (0x7FFF).
 * Configuration: OS[15] (writing 1 in single-shot mode starts a conversion; reads 0 while one
 * runs), MUX[14:12] (000 AIN0-AIN1, 001 AIN0-AIN3, 010 AIN1-AIN3, 011 AIN2-AIN3, 100..111
 * AINx-GND), PGA[11:9] (+-6.144, 4.096, 2.048, 1.024, 0.512, 0.256 V), MODE[8] (1 single-shot,
 * 0 continuous), DR[7:5] (8, 16, 32, 64, 128, 250, 475, 860 SPS), comparator bits [4:0] stored.
 *
 * <p>A conversion takes 1/DR seconds of {@link SimClock} time and samples its inputs when it
 * completes. In continuous mode conversions follow each other from the write that selected it.
 */
public final class Ads1115Chip extends WordChip {

    public static final int CONVERSION = 0;
    public static final int CONFIG = 1;
    public static final int LO_THRESH = 2;
    public static final int HI_THRESH = 3;
    public static final int CONFIG_RESET = 0x8583;

    /** Full-scale range of each PGA setting, in V. */
    public static final double[] FSR = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256};

    /** Data rate of each DR setting, in samples per second. */
    public static final int[] SPS = {8, 16, 32, 64, 128, 250, 475, 860};

    private final SimClock clock;
    private final DoubleSupplier[] inputs = new DoubleSupplier[4];

    private int config = CONFIG_RESET;
    private int lo = 0x8000;
    private int hi = 0x7FFF;
    private int conversion;
    private boolean converting;
    private long started;
    private long done;

    public Ads1115Chip(SimClock clock) {
        this.clock = clock;
        Arrays.fill(inputs, (DoubleSupplier) () -> 0.0);
    }

    /** Sets the voltage at AIN{@code channel} (0 to 3) against ground, in V. */
    public void input(int channel, double volts) {
        input(channel, () -> volts);
    }

    /** Makes AIN{@code channel} (0 to 3) follow a voltage, in V against ground, read at each conversion. */
    public synchronized void input(int channel, DoubleSupplier volts) {
        if (channel < 0 || channel > 3) {
            throw new IllegalArgumentException("ADS1115 inputs are AIN0 to AIN3, was " + channel);
        }
        inputs[channel] = volts;
    }

    /** @return how long one conversion takes at a DR setting (0 to 7), in ns */
    public static long conversionNanos(int dr) {
        return 1_000_000_000L / SPS[dr & 7];
    }

    @Override
    protected synchronized int readWord(int pointer) {
        update();
        return switch (pointer) {
            case CONVERSION -> conversion;
            case CONFIG -> converting ? config & 0x7FFF : config | 0x8000;
            case LO_THRESH -> lo;
            case HI_THRESH -> hi;
            default -> 0;
        };
    }

    @Override
    protected synchronized void writeWord(int pointer, int value) {
        update();
        switch (pointer) {
            case CONFIG -> configure(value);
            case LO_THRESH -> lo = value;
            case HI_THRESH -> hi = value;
            default -> { }
        }
    }

    private void configure(int value) {
        boolean continuous = (value & 0x0100) == 0;
        boolean start = (value & 0x8000) != 0;
        if (converting && !continuous && (config & 0x0100) != 0) {
            config = value & 0x7FFF;
            return;
        }
        config = value & 0x7FFF;
        if (continuous || start) {
            converting = true;
            started = clock.nanos();
            done = 0;
        } else {
            converting = false;
        }
    }

    private void update() {
        if (!converting) {
            return;
        }
        long n = (clock.nanos() - started) / conversionNanos(config >> 5);
        if (n <= done) {
            return;
        }
        conversion = sample();
        if ((config & 0x0100) != 0) {
            converting = false;
        } else {
            done = n;
        }
    }

    private int sample() {
        double v = switch ((config >> 12) & 7) {
            case 0 -> volts(0) - volts(1);
            case 1 -> volts(0) - volts(3);
            case 2 -> volts(1) - volts(3);
            case 3 -> volts(2) - volts(3);
            default -> volts(((config >> 12) & 7) - 4);
        };
        long code = Math.round(v * 32768 / FSR[(config >> 9) & 7]);
        return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, code)) & 0xFFFF;
    }

    private double volts(int channel) {
        return inputs[channel].getAsDouble();
    }
}
