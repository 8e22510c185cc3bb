package dev.wren.hardware.simulator;

/**
 * A chip model on a simulated I2C bus, seen at the level of bus transactions: what the master
 * writes after the address byte, and what the chip sends back when read. Register pointers,
 * auto-increment and read-only registers are the chip's business, as on silicon (see
 * {@link dev.wren.hardware.simulator.chips.RegisterChip} and
 * {@link dev.wren.hardware.simulator.chips.WordChip}).
 *
 * <p>Called with the bus lock held: never concurrently for one board.
 */
public interface I2CChip {

    /** A write transaction: {@code length} bytes from the master (a register pointer first, usually). */
    void write(byte[] data, int offset, int length);

    /** A read transaction: fills {@code length} bytes as the chip would send them. */
    void read(byte[] buffer, int offset, int length);
}
