package dev.wren.hardware;

import java.util.List;
import java.util.Map;

/**
 * What a board offers drivers: its I2C buses, its GPIO chip and the header pin map. Profiles
 * ship in the platform bundle (one file each under {@code boards/}); the platform picks one by
 * matching the device tree's model string, and configuration may override the buses and chip.
 *
 * @param name        profile name, for example {@code raspberrypi-5}, {@code simulated}
 * @param description for people, for example {@code Raspberry Pi 5}
 * @param model       the model string the board reported (empty when none, as on a laptop)
 * @param i2cBuses    the I2C bus numbers drivers may open ({@code /dev/i2c-N}), not empty
 * @param gpioChip    the GPIO chip that carries the header lines, for example {@code gpiochip0}
 * @param headerPins  physical header pin number to GPIO line number (BCM on a Raspberry Pi)
 */
public record BoardProfile(String name, String description, String model, List<Integer> i2cBuses,
                           String gpioChip, Map<Integer, Integer> headerPins) {

    /** The profile of the simulated board, chosen when no real board is detected. */
    public static final String SIMULATED = "simulated";

    public BoardProfile {
        i2cBuses = List.copyOf(i2cBuses);
        headerPins = Map.copyOf(headerPins);
    }

    /** @return whether the profile describes the simulated board rather than real hardware */
    public boolean simulated() {
        return SIMULATED.equals(name);
    }
}
