package org.example.wren.sht31.sim;

import dev.wren.hardware.simulator.Environment;
import dev.wren.hardware.simulator.I2CChip;

/**
 * An SHT31 at the level of bus transactions: the single-shot command 0x2400 measures the
 * simulated air; a read returns temperature and humidity words with their CRC-8, as the
 * datasheet's sections 4.3 and 4.12 say. Any other command leaves the last measurement in place.
 */
final class Sht31Chip implements I2CChip {

    private final Environment air;
    private final byte[] result = new byte[6];

    Sht31Chip(Environment air) {
        this.air = air;
        measure();
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        if (length == 2 && (data[offset] & 0xFF) == 0x24 && data[offset + 1] == 0x00) {
            measure();
        }
    }

    @Override
    public void read(byte[] buffer, int offset, int length) {
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = i < result.length ? result[i] : (byte) 0xFF;
        }
    }

    private void measure() {
        word(0, (air.temperatureC() + 45) / 175 * 65535);
        word(3, Math.max(0, Math.min(100, air.humidityPercent())) / 100 * 65535);
    }

    private void word(int at, double value) {
        int w = (int) Math.max(0, Math.min(65535, Math.round(value)));
        result[at] = (byte) (w >> 8);
        result[at + 1] = (byte) w;
        int crc = 0xFF;
        for (int k = 0; k < 2; k++) {
            crc ^= result[at + k] & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        result[at + 2] = (byte) crc;
    }
}
