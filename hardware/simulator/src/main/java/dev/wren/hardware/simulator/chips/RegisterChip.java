package dev.wren.hardware.simulator.chips;

import dev.wren.hardware.simulator.I2CChip;

/**
 * A chip with 8-bit registers behind an 8-bit pointer (BME280, MPU-6050): a write transaction
 * sets the pointer with its first byte and writes the following bytes to consecutive registers;
 * a read transaction sends consecutive registers from the pointer. Subclasses decide what a
 * register holds when read ({@link #readRegister}) and what a write does ({@link #writeRegister});
 * by default registers are plain memory.
 */
public abstract class RegisterChip implements I2CChip {

    /** Register memory, for subclasses: reset values, calibration, latched results. */
    protected final byte[] registers = new byte[256];
    private int pointer;

    @Override
    public void write(byte[] data, int offset, int length) {
        if (length == 0) {
            return;
        }
        pointer = data[offset] & 0xFF;
        for (int i = 1; i < length; i++) {
            writeRegister(pointer, data[offset + i] & 0xFF);
            pointer = nextPointer(pointer, true);
        }
    }

    @Override
    public void read(byte[] buffer, int offset, int length) {
        for (int i = 0; i < length; i++) {
            buffer[offset + i] = (byte) readRegister(pointer);
            pointer = nextPointer(pointer, false);
        }
    }

    /** @return the register read at {@code register}, 0 to 255; default: the memory */
    protected int readRegister(int register) {
        return registers[register] & 0xFF;
    }

    /** A byte written to {@code register}; default: stored in memory. */
    protected void writeRegister(int register, int value) {
        registers[register] = (byte) value;
    }

    /** @return the pointer after an access to {@code register}; default: the next register */
    protected int nextPointer(int register, boolean afterWrite) {
        return (register + 1) & 0xFF;
    }

    /** Stores a 16-bit value little-endian at {@code register} (calibration words). */
    protected final void putLe16(int register, int value) {
        registers[register] = (byte) value;
        registers[register + 1] = (byte) (value >> 8);
    }

    /** Stores a 16-bit value big-endian at {@code register} (MSB first). */
    protected final void putBe16(int register, int value) {
        registers[register] = (byte) (value >> 8);
        registers[register + 1] = (byte) value;
    }
}
