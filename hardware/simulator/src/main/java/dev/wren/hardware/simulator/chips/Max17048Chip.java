package dev.wren.hardware.simulator.chips;

import dev.wren.hardware.simulator.BatteryModel;

/**
 * Maxim MAX17048 single-cell fuel gauge, reading the cell it sits on from a {@link BatteryModel}.
 *
 * <p>Registers (16-bit, MSB first): 02 VCELL (78.125 uV per LSB), 04 SOC (1/256 % per LSB),
 * 06 MODE (0x0000), 08 VERSION (0x0012), 0A HIBRT (0x8030), 0C CONFIG (reset 0x971C: RCOMP,
 * SLEEP, ALSC, ALRT bit 5, ATHD bits 4:0 = 32 - threshold %), 14 VALRT (0x00FF: min and max in
 * 20 mV), 16 CRATE (0.208 %/h per LSB, signed), 18 VRESET/ID (0x9600), 1A STATUS (0x01FF after
 * power-on: RI bit 8, VH 9, VL 10, SC 13), FE CMD (0x5400 = power-on reset). Other pointers read
 * 0xFFFF.
 *
 * <p>Alerts follow the datasheet: CONFIG.ALRT sets when the state of charge falls below the
 * ATHD threshold, STATUS.VL/VH when VCELL leaves the VALRT window, STATUS.SC (with ALSC) when
 * the state of charge changes by 1 %; the host clears them by writing 0.
 */
public final class Max17048Chip extends WordChip {

    public static final int VCELL = 0x02;
    public static final int SOC = 0x04;
    public static final int MODE = 0x06;
    public static final int VERSION = 0x08;
    public static final int HIBRT = 0x0A;
    public static final int CONFIG = 0x0C;
    public static final int VALRT = 0x14;
    public static final int CRATE = 0x16;
    public static final int VRESET = 0x18;
    public static final int STATUS = 0x1A;
    public static final int CMD = 0xFE;
    public static final int CONFIG_RESET = 0x971C;
    public static final int POWER_ON_RESET = 0x5400;

    private final BatteryModel battery;
    private final int version;
    private int mode;
    private int hibrt;
    private int config;
    private int valrt;
    private int vreset;
    private int status;
    private int lastWholePercent;

    /** A chip reporting VERSION 0x0012. */
    public Max17048Chip(BatteryModel battery) {
        this(battery, 0x0012);
    }

    /** @param version what VERSION reads: 0x0011 or 0x0012 on real parts, anything to model a wrong chip */
    public Max17048Chip(BatteryModel battery, int version) {
        this.battery = battery;
        this.version = version & 0xFFFF;
        powerOnReset();
    }

    @Override
    protected synchronized int readWord(int pointer) {
        alerts();
        return switch (pointer) {
            case VCELL -> clip(Math.round(battery.terminalVolts() / 78.125e-6), 0, 0xFFFF);
            case SOC -> clip(Math.round(battery.soc() * 100 * 256), 0, 0xFFFF);
            case MODE -> mode;
            case VERSION -> version;
            case HIBRT -> hibrt;
            case CONFIG -> config;
            case VALRT -> valrt;
            case CRATE -> clip(Math.round(battery.ratePercentPerHour() / 0.208), Short.MIN_VALUE, Short.MAX_VALUE) & 0xFFFF;
            case VRESET -> vreset;
            case STATUS -> status;
            default -> 0xFFFF;
        };
    }

    @Override
    protected synchronized void writeWord(int pointer, int value) {
        switch (pointer) {
            case MODE -> mode = value & 0x7000;
            case HIBRT -> hibrt = value;
            case CONFIG -> config = value;
            case VALRT -> valrt = value;
            case VRESET -> vreset = (value & 0xFF00) | (vreset & 0x00FF);
            case STATUS -> status = value & 0x7F00 | (status & 0xFF);
            case CMD -> {
                if (value == POWER_ON_RESET) {
                    powerOnReset();
                }
            }
            default -> { }
        }
    }

    private void powerOnReset() {
        mode = 0x0000;
        hibrt = 0x8030;
        config = CONFIG_RESET;
        valrt = 0x00FF;
        vreset = 0x9600;
        status = 0x01FF;
        lastWholePercent = (int) (battery.soc() * 100);
    }

    private void alerts() {
        double percent = battery.soc() * 100;
        double volts = battery.terminalVolts();
        int threshold = 32 - (config & 0x1F);
        if (percent < threshold) {
            config |= 0x20;
        }
        if (volts < (valrt >> 8) * 0.020) {
            status |= 0x0400;
        }
        if (volts > (valrt & 0xFF) * 0.020) {
            status |= 0x0200;
        }
        int whole = (int) percent;
        if (whole != lastWholePercent) {
            lastWholePercent = whole;
            if ((config & 0x40) != 0) {
                status |= 0x2000;
            }
        }
    }

    private static int clip(long v, int min, int max) {
        return (int) Math.max(min, Math.min(max, v));
    }
}
