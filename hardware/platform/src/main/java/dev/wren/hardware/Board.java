package dev.wren.hardware;

import org.osgi.annotation.versioning.ProviderType;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;

/**
 * The board: one Pi4J context, and who uses which chip and line on it. Registered by the
 * platform bundle once its context is built, with the service property {@value #PROFILE}.
 *
 * <p>Every open call claims what it opens for an owner (a driver instance, named so that an
 * operator recognises it: {@code "bme280 'room'"}); a second claim of the same bus and address,
 * or of the same line, is refused with a message naming the current owner. Claims end with
 * {@link #release}; when the board service goes away (profile change, bundle update) every
 * claim ends with it and drivers must open again from the new service.
 *
 * <p>Threading: all methods are thread-safe. A Pi4J {@link I2C} serialises transactions on its
 * bus; a driver still must not use one device from two threads at once.
 */
@ProviderType
public interface Board {

    /** Service property (String): the name of the active board profile. */
    String PROFILE = "board.profile";

    /** @return the active profile */
    BoardProfile profile();

    /**
     * Opens the chip at {@code address} on I2C bus {@code bus}.
     *
     * @param owner who uses it, for messages
     * @throws IllegalArgumentException when the address is not a 7-bit I2C address (0x03 to
     *         0x77) or the bus is not one of the profile's buses; the message names both
     * @throws IllegalStateException when another owner holds the same bus and address; the
     *         message names that owner
     */
    I2C i2c(int bus, int address, String owner);

    /**
     * Opens a GPIO line as an input.
     *
     * @param line            the line number on the profile's GPIO chip (BCM on a Raspberry Pi)
     * @param pull            bias to apply
     * @param debounceMicros  0 for none
     * @throws IllegalArgumentException when the line is negative
     * @throws IllegalStateException when another owner holds the line
     */
    DigitalInput input(int line, PullResistance pull, long debounceMicros, String owner);

    /**
     * Opens a GPIO line as an output, driven to {@code initial} at once and to {@code shutdown}
     * when released.
     *
     * @throws IllegalArgumentException when the line is negative
     * @throws IllegalStateException when another owner holds the line
     */
    DigitalOutput output(int line, DigitalState initial, DigitalState shutdown, String owner);

    /**
     * Ends the claim on what {@link #i2c}, {@link #input} or {@link #output} returned and shuts
     * it down. Releasing twice, or after the board went away, does nothing.
     */
    void release(Object io);
}
