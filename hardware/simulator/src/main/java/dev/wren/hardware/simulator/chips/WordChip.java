package dev.wren.hardware.simulator.chips;

import dev.wren.hardware.simulator.I2CChip;

/**
 * A chip with 16-bit registers sent MSB first behind a pointer byte (INA219, ADS1115,
 * MAX17048): a write transaction sets the pointer and, with two more bytes, writes the register;
 * a read transaction sends the pointed register, repeatedly if more than two bytes are read
 * (the pointer does not advance).
 */
public abstract class WordChip implements I2CChip {

    private int pointer;

    @Override
    public void write(byte[] data, int offset, int length) {
        if (length == 0) {
            return;
        }
        pointer = data[offset] & 0xFF;
        if (length >= 3) {
            writeWord(pointer, ((data[offset + 1] & 0xFF) << 8) | (data[offset + 2] & 0xFF));
        }
    }

    @Override
    public void read(byte[] buffer, int offset, int length) {
        int word = readWord(pointer);
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = (byte) (i % 2 == 0 ? word >> 8 : word);
        }
    }

    /** @return the 16-bit register at {@code pointer} as the chip sends it now */
    protected abstract int readWord(int pointer);

    /** The master wrote {@code value} to the register at {@code pointer}. */
    protected abstract void writeWord(int pointer, int value);
}
