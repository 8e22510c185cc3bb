package dev.wren.hardware;

import java.util.Locale;

import com.pi4j.io.i2c.I2C;

/**
 * One driver instance's hold on its chip: claims the bus and address on the {@link Board},
 * moves the claim when the configuration names another bus or address, and releases it when
 * the driver stops. Keeps the claim when the address does not change, so reconfiguring other
 * options does not disturb the chip.
 */
public final class ChipClaim implements AutoCloseable {

    private final Board board;
    private final String owner;
    private I2C device;
    private I2CRegisters registers;

    /** @param owner who holds the chip, for messages: {@code "bme280 'room'"} */
    public ChipClaim(Board board, String owner) {
        this.board = board;
        this.owner = owner;
    }

    /**
     * @return registers of the chip at {@code address} on {@code bus}, claimed for this owner
     * @throws IllegalArgumentException when the board has no such bus or the address is invalid
     * @throws IllegalStateException when another driver holds that bus and address; the previous
     *         claim of this owner is kept then
     */
    public synchronized I2CRegisters open(int bus, int address) {
        if (device != null && device.bus() == bus && device.device() == address) {
            return registers;
        }
        I2C next = board.i2c(bus, address, owner);
        close();
        device = next;
        registers = new I2CRegisters(next);
        return registers;
    }

    /** Releases the chip; does nothing if nothing is claimed. */
    @Override
    public synchronized void close() {
        if (device != null) {
            board.release(device);
            device = null;
            registers = null;
        }
    }

    /**
     * Parses an I2C address from configuration: decimal or {@code 0x} hexadecimal.
     *
     * @param property the configuration property, for the message
     * @param allowed  the addresses the chip can be strapped to
     * @throws IllegalArgumentException naming the property, the value and the allowed addresses
     */
    public static int address(String property, String text, int... allowed) {
        StringBuilder list = new StringBuilder();
        for (int a : allowed) {
            list.append(list.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "0x%02X", a));
        }
        try {
            int value = Integer.decode(text.trim());
            for (int a : allowed) {
                if (a == value) {
                    return value;
                }
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw new IllegalArgumentException(property + ": must be one of " + list + ", was '" + text + "'");
    }
}
