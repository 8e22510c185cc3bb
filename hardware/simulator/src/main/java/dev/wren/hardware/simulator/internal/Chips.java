package dev.wren.hardware.simulator.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wren.hardware.simulator.I2CChip;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.chips.Bme280Chip;
import dev.wren.hardware.simulator.chips.Ads1115Chip;
import dev.wren.hardware.simulator.chips.Ina219Chip;
import dev.wren.hardware.simulator.chips.Max17048Chip;
import dev.wren.hardware.simulator.chips.Mpu6050Chip;

/** Builds the chips named in the simulator's configuration: {@code <kind>@<bus>:<address>}. */
final class Chips {

    static final String KINDS = "bme280, mpu6050, ina219, max17048, ads1115";
    private static final List<String> KIND_LIST = List.of(KINDS.split(", "));
    private static final Pattern ENTRY = Pattern.compile("([a-z0-9]+)@([0-9]{1,2}):((?:0x[0-9a-f]{1,2})|[0-9]{1,3})");

    private Chips() {
    }

    /** The INA219's shunt on the simulated board, as on common breakout boards. */
    static final double SHUNT_OHMS = 0.1;

    /** The ADC sees the battery through a 1:2 divider on AIN0 and a mid-rail reference on AIN1. */
    private static Ads1115Chip adc(SimBoard board) {
        Ads1115Chip adc = new Ads1115Chip(board.clock());
        adc.input(0, () -> board.battery().terminalVolts() / 2);
        adc.input(1, 1.65);
        return adc;
    }

    /** A chip of the configuration, parsed. */
    record Plug(String kind, int bus, int address) {
    }

    /**
     * @return the entry; its kind is one Wren ships ({@link #builtIn}) or one a
     *         {@link dev.wren.hardware.simulator.ChipModel} service is to provide
     * @throws IllegalArgumentException naming the property {@code chips} and the entry
     */
    static Plug parse(String entry) {
        Matcher m = ENTRY.matcher(entry.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            return new Plug(m.group(1), Integer.parseInt(m.group(2)), Integer.decode(m.group(3)));
        }
        throw new IllegalArgumentException("chips: entries are <kind>@<bus>:<address> with kind one of " + KINDS
                + " or a chip model's sim.chip.kind, e.g. bme280@1:0x76; was '" + entry + "'");
    }

    /** @return whether Wren ships the model of this kind */
    static boolean builtIn(String kind) {
        return KIND_LIST.contains(kind);
    }

    /** @return whether {@code kind} is a valid chip kind: lower-case letters and digits */
    static boolean validKind(String kind) {
        return kind.matches("[a-z0-9]+");
    }

    /** @return a new chip of {@code plug.kind()}, sensing {@code board}'s world */
    static I2CChip create(Plug plug, SimBoard board) {
        return switch (plug.kind()) {
            case "bme280" -> new Bme280Chip(board.clock(), board.environment());
            case "mpu6050" -> new Mpu6050Chip(board.clock(), board.vibration(), board.environment());
            case "ina219" -> new Ina219Chip(board.clock(), SHUNT_OHMS, board.battery()::terminalVolts, board.battery()::loadCurrentA);
            case "max17048" -> new Max17048Chip(board.battery());
            case "ads1115" -> adc(board);
            default -> throw new IllegalArgumentException("chips: unknown kind '" + plug.kind() + "'");
        };
    }
}
