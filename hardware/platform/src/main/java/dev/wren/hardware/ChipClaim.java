package dev.wren.hardware;

import java.util.Locale;

import com.pi4j.io.i2c.I2C;

import dev.wren.sensor.SensorException;
import dev.wren.sensor.SensorException.Fault;

/**
 * One driver instance's hold on its chip. {@link #target} names the bus and address the
 * configuration asks for; {@link #registers} claims them on the {@link Board} at first use and
 * again after a refusal, so a driver configured onto an address another driver holds is not
 * started half-way: each of its reads fails with the board's message ("I2C address 0x76 on bus 1
 * is already used by bme280 'room'"), the sampler shows it faulted, and it starts by itself once
 * the other driver lets go. A new target releases the old chip; the same target keeps it, so
 * reconfiguring other options does not disturb the chip.
 */
public final class ChipClaim implements AutoCloseable {

    private final Board board;
    private final String owner;
    private int bus = -1;
    private int address = -1;
    private I2C device;
    private I2CRegisters registers;
    private boolean closed;

    /** @param owner who holds the chip, for messages: {@code "bme280 'room'"} */
    public ChipClaim(Board board, String owner) {
        this.board = board;
        this.owner = owner;
    }

    /** Aims at the chip at {@code address} on {@code bus}, releasing another one held before. */
    public synchronized void target(int bus, int address) {
        if (bus != this.bus || address != this.address) {
            release();
            this.bus = bus;
            this.address = address;
        }
    }

    /**
     * @return the targeted chip's registers, claiming them if not yet held
     * @throws SensorException {@link Fault#UNAVAILABLE} with the board's reason when the chip
     *         cannot be claimed: another driver holds it, the board has no such bus, or the
     *         kernel's bus device cannot be opened
     */
    public synchronized I2CRegisters registers() throws SensorException {
        if (registers == null) {
            if (closed) {
                throw new SensorException(Fault.UNAVAILABLE, owner + " is stopping");
            }
            if (bus < 0) {
                throw new SensorException(Fault.UNAVAILABLE, owner + " has no chip configured");
            }
            try {
                device = board.i2c(bus, address, owner);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw new SensorException(Fault.UNAVAILABLE, e.getMessage(), e);
            } catch (RuntimeException | LinkageError e) {
                throw new SensorException(Fault.UNAVAILABLE, "I2C bus " + bus + " cannot be opened (is I2C enabled, "
                        + "and is the user in group i2c?): " + e.getMessage(), e);
            }
            registers = new I2CRegisters(device);
        }
        return registers;
    }

    /** Releases the chip for good: a read still in progress cannot claim it again. */
    @Override
    public synchronized void close() {
        closed = true;
        release();
    }

    private void release() {
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
