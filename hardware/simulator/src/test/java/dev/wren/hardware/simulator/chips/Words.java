package dev.wren.hardware.simulator.chips;

import dev.wren.hardware.simulator.I2CChip;

/** Bus transactions to a 16-bit register chip, as a driver issues them. */
final class Words {

    private Words() {
    }

    static int read(I2CChip chip, int pointer) {
        chip.write(new byte[] {(byte) pointer}, 0, 1);
        byte[] b = new byte[2];
        chip.read(b, 0, 2);
        return ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    }

    static int signed(I2CChip chip, int pointer) {
        return (short) read(chip, pointer);
    }

    static void write(I2CChip chip, int pointer, int value) {
        chip.write(new byte[] {(byte) pointer, (byte) (value >> 8), (byte) value}, 0, 3);
    }
}
