package dev.wren.hardware.simulator.pi4j;

import com.pi4j.io.i2c.I2CBase;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;

import dev.wren.hardware.simulator.SimDevice;

/**
 * A Pi4J I2C device on the simulated bus. Each method is the bus transaction the linuxfs
 * provider would issue: register reads are a pointer write then a read (repeated start), register
 * writes one write with the pointer first.
 */
final class SimI2C extends I2CBase<SimI2CBus> {

    SimI2C(I2CProvider provider, I2CConfig config, SimI2CBus bus) {
        super(provider, config, bus);
    }

    private SimDevice target() {
        return i2CBus.device(this);
    }

    @Override
    public int write(byte b) {
        return write(new byte[] {b}, 0, 1);
    }

    @Override
    public int write(byte[] data, int offset, int length) {
        return i2CBus.execute(this, () -> {
            target().write(data, offset, length);
            return length;
        });
    }

    @Override
    public int read() {
        byte[] b = new byte[1];
        read(b, 0, 1);
        return b[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        return i2CBus.execute(this, () -> {
            target().read(buffer, offset, length);
            return length;
        });
    }

    @Override
    public int writeRegister(int register, byte b) {
        return writeRegister(register, new byte[] {b}, 0, 1);
    }

    @Override
    public int writeRegister(int register, byte[] data, int offset, int length) {
        return writeRegister(new byte[] {(byte) register}, data, offset, length);
    }

    @Override
    public int writeRegister(byte[] register, byte[] data, int offset, int length) {
        byte[] tx = new byte[register.length + length];
        System.arraycopy(register, 0, tx, 0, register.length);
        System.arraycopy(data, offset, tx, register.length, length);
        return i2CBus.execute(this, () -> {
            target().write(tx, 0, tx.length);
            return length;
        });
    }

    @Override
    public int readRegister(int register) {
        byte[] b = new byte[1];
        readRegister(register, b, 0, 1);
        return b[0] & 0xFF;
    }

    @Override
    public int readRegister(int register, byte[] buffer, int offset, int length) {
        return readRegister(new byte[] {(byte) register}, buffer, offset, length);
    }

    @Override
    public int readRegister(byte[] register, byte[] buffer, int offset, int length) {
        return i2CBus.execute(this, () -> {
            target().transfer(register, register.length, buffer, offset, length);
            return length;
        });
    }

    @Override
    public int writeReadRegisterWord(int register, int word) {
        byte[] out = {(byte) register, (byte) word, (byte) (word >> 8)};
        byte[] in = new byte[2];
        return i2CBus.execute(this, () -> {
            target().transfer(out, out.length, in, 0, 2);
            return (in[0] & 0xFF) | ((in[1] & 0xFF) << 8);
        });
    }
}
