package dev.wren.hardware.simulator.internal;

import java.util.Locale;

import dev.wren.hardware.simulator.I2CChip;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.chips.Bme280Chip;
import dev.wren.hardware.simulator.chips.Mpu6050Chip;

/** Builds the chips named in the simulator's configuration: {@code <kind>@<bus>:<address>}. */
final class Chips {

    static final String KINDS = "bme280, mpu6050";

    private Chips() {
    }

    /** A chip of the configuration, parsed. */
    record Plug(String kind, int bus, int address) {
    }

    /** @throws IllegalArgumentException naming the property {@code chips} and the entry */
    static Plug parse(String entry) {
        String[] p = entry.trim().toLowerCase(Locale.ROOT).split("[@:]");
        try {
            if (p.length == 3) {
                Plug plug = new Plug(p[0], Integer.decode(p[1]), Integer.decode(p[2]));
                create(plug, null);
                return plug;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("chips: entries are <kind>@<bus>:<address> with kind one of " + KINDS
                + ", e.g. bme280@1:0x76; was '" + entry + "'");
    }

    /** @return a new chip of {@code plug.kind()} on {@code board}; with a null board only checks the kind */
    static I2CChip create(Plug plug, SimBoard board) {
        return switch (plug.kind()) {
            case "bme280" -> board == null ? null : new Bme280Chip(board.clock(), board.environment());
            case "mpu6050" -> board == null ? null : new Mpu6050Chip(board.clock(), board.vibration(), board.environment());
            default -> throw new NumberFormatException(plug.kind());
        };
    }
}
