package org.example.wren.sht31;

import java.util.List;
import java.util.Locale;

import dev.wren.hardware.I2CRegisters;
import dev.wren.sensor.Quantity;
import dev.wren.sensor.Reading;
import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;

/**
 * The SHT3x protocol (Sensirion SHT3x-DIS datasheet, sections 4.3, 4.12 and 4.13): the single-shot
 * command 0x2400 (high repeatability, no clock stretching), at most 15.5 ms of conversion, then six
 * bytes: temperature MSB, LSB, CRC, humidity MSB, LSB, CRC. CRC-8 with polynomial 0x31 and initial
 * value 0xFF over each word. {@code T = -45 + 175 * St / 65535} degC, {@code RH = 100 * Srh / 65535} %.
 */
final class Sht31Reader {

    static final int SINGLE_SHOT_HIGH = 0x2400;
    static final long CONVERSION_MS = 16;

    private final I2CRegisters chip;
    private final Sht31.Settings settings;
    private final byte[] data = new byte[6];

    Sht31Reader(I2CRegisters chip, Sht31.Settings settings) {
        this.chip = chip;
        this.settings = settings;
    }

    List<Reading> read() throws SensorException {
        chip.write(SINGLE_SHOT_HIGH >> 8, SINGLE_SHOT_HIGH & 0xFF);
        try {
            Thread.sleep(CONVERSION_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SensorException(Fault.TIMEOUT, "interrupted while the SHT31 at " + chip.where() + " converts", e);
        }
        chip.read(data, data.length);
        int t = word(0, "temperature");
        int rh = word(3, "humidity");
        long now = System.currentTimeMillis();
        return List.of(new Reading(settings.id(), Quantity.TEMPERATURE, round(-45 + 175.0 * t / 65535), "degC", now),
                new Reading(settings.id(), Quantity.HUMIDITY, round(100.0 * rh / 65535), "%", now));
    }

    private int word(int at, String what) throws SensorException {
        int w = ((data[at] & 0xFF) << 8) | (data[at + 1] & 0xFF);
        int crc = crc8(data[at], data[at + 1]);
        if (crc != (data[at + 2] & 0xFF)) {
            throw new SensorException(Fault.CORRUPT_DATA, String.format(Locale.ROOT,
                    "SHT31 at %s: %s CRC 0x%02X, expected 0x%02X", chip.where(), what, data[at + 2] & 0xFF, crc));
        }
        return w;
    }

    /** CRC-8, polynomial 0x31, initial value 0xFF, no final XOR (datasheet 4.12). */
    static int crc8(byte msb, byte lsb) {
        int crc = 0xFF;
        for (byte b : new byte[] {msb, lsb}) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
