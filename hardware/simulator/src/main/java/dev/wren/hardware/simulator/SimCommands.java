package dev.wren.hardware.simulator;

import java.util.Locale;
import java.util.Map;

/** The commands of {@link Scenario}s and of the console, parsed and applied to a board. */
final class SimCommands {

    private SimCommands() {
    }

    /**
     * Parses a command without applying it: everything but the presence of a chip at a fault's
     * address is checked, so that a scenario can be checked before the chips are plugged.
     */
    static void check(SimBoard board, String command) {
        run(board, command, false);
    }

    static void apply(SimBoard board, String command) {
        run(board, command, true);
    }

    private static void run(SimBoard board, String command, boolean apply) {
        String[] w = command.trim().toLowerCase(Locale.ROOT).split("\\s+");
        arguments(w);
        switch (w[0]) {
            case "temperature" -> {
                double v = number(w, 1);
                Environment.check(v, -40, 85, "temperature (degC)");
                if (apply) {
                    board.environment().temperatureC(v);
                }
            }
            case "pressure" -> {
                double v = number(w, 1);
                Environment.check(v, 30_000, 110_000, "pressure (Pa)");
                if (apply) {
                    board.environment().pressurePa(v);
                }
            }
            case "humidity" -> {
                double v = number(w, 1);
                Environment.check(v, 0, 100, "humidity (%)");
                if (apply) {
                    board.environment().humidityPercent(v);
                }
            }
            case "fault" -> fault(board, w, apply);
            case "vibration" -> {
                String name = word(w, 1);
                Vibration.Condition c;
                try {
                    c = Vibration.Condition.valueOf(name.replace('-', '_').toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("vibration must be normal, imbalance, misalignment or bearing-fault, was '"
                            + name + "'", e);
                }
                double severity = w.length > 2 ? Environment.check(number(w, 2), 0, 10, "vibration severity")
                        : board.vibration().severity();
                if (apply) {
                    board.vibration().condition(c).severity(severity);
                }
            }
            case "battery" -> {
                double percent = Environment.check(number(w, 1), 0, 100, "battery charge (%)");
                if (apply) {
                    board.battery().soc(percent / 100);
                }
            }
            case "load" -> {
                double amps = Environment.check(number(w, 1), 0, 10, "load current (A)");
                if (apply) {
                    board.battery().loadCurrentA(amps);
                }
            }
            case "external" -> {
                boolean on = switch (word(w, 1)) {
                    case "on", "1" -> true;
                    case "off", "0" -> false;
                    default -> throw new IllegalArgumentException("external power must be on or off, was '" + w[1] + "'");
                };
                if (apply) {
                    board.battery().externalPower(on);
                }
            }
            case "shaft" -> {
                double hz = Environment.check(number(w, 1), 1, 100, "shaft speed (Hz)");
                if (apply) {
                    board.vibration().shaftHz(hz);
                }
            }
            case "noise" -> {
                double g = Environment.check(number(w, 1), 0, 1, "noise (g)");
                if (apply) {
                    board.vibration().noiseG(g);
                }
            }
            case "line" -> {
                int n = lineNumber(w);
                boolean high = switch (word(w, 2)) {
                    case "high", "1", "on" -> true;
                    case "low", "0", "off" -> false;
                    default -> throw new IllegalArgumentException("line level must be high or low, was '" + w[2] + "'");
                };
                if (apply) {
                    board.line(n).set(high);
                }
            }
            default -> throw new IllegalArgumentException("unknown command '" + w[0] + "' (temperature, pressure, "
                    + "humidity, fault, line, vibration, shaft, noise, battery, load, external)");
        }
    }

    private static void fault(SimBoard board, String[] w, boolean apply) {
        String[] at = word(w, 1).split(":");
        if (at.length != 2) {
            throw new IllegalArgumentException("fault needs <bus>:<address>, e.g. 1:0x76, was '" + w[1] + "'");
        }
        int bus;
        int address;
        try {
            bus = Integer.decode(at[0]);
            address = Integer.decode(at[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault needs <bus>:<address>, e.g. 1:0x76, was '" + w[1] + "'", e);
        }
        if (bus < 0 || bus > 31 || address < 0x03 || address > 0x77) {
            throw new IllegalArgumentException("fault needs a bus 0 to 31 and a 7-bit address 0x03 to 0x77, was '"
                    + w[1] + "'");
        }
        String kind = word(w, 2);
        Fault f;
        try {
            f = Fault.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fault kind must be none, nack, timeout, corrupt, absent or intermittent, was '"
                    + kind + "'", e);
        }
        double share = w.length > 3 ? Environment.check(number(w, 3), 0, 1, "failure share") : -1;
        if (apply) {
            SimDevice d = board.device(bus, address).orElseThrow(() -> new IllegalArgumentException(
                    String.format(Locale.ROOT, "no chip at 0x%02X on bus %d", address, bus)));
            if (share >= 0) {
                d.failureShare(share);
            }
            d.fault(f);
        }
    }

    /** Most arguments each command takes. */
    private static final Map<String, Integer> ARGUMENTS = Map.ofEntries(Map.entry("temperature", 1),
            Map.entry("pressure", 1), Map.entry("humidity", 1), Map.entry("fault", 3), Map.entry("vibration", 2),
            Map.entry("battery", 1), Map.entry("load", 1), Map.entry("external", 1), Map.entry("shaft", 1),
            Map.entry("noise", 1), Map.entry("line", 2));

    /** The arguments of each command, for usage messages. */
    static final Map<String, String> USAGE = Map.ofEntries(Map.entry("temperature", "<degC>"),
            Map.entry("pressure", "<Pa>"), Map.entry("humidity", "<%>"),
            Map.entry("fault", "<bus>:<address> none|nack|timeout|corrupt|absent|intermittent [<share 0-1>]"),
            Map.entry("vibration", "normal|imbalance|misalignment|bearing-fault [<severity 0-10>]"),
            Map.entry("battery", "<%>"), Map.entry("load", "<A>"), Map.entry("external", "on|off"),
            Map.entry("shaft", "<Hz>"), Map.entry("noise", "<g>"), Map.entry("line", "<n> high|low"));

    /** Refuses extra words, which would otherwise be ignored silently (a trailing comment, a typo). */
    private static void arguments(String[] w) {
        Integer most = ARGUMENTS.get(w[0]);
        if (most != null && w.length - 1 > most) {
            throw new IllegalArgumentException("'" + w[0] + "' takes at most " + most + " argument(s), got "
                    + (w.length - 1) + ": '" + String.join(" ", w) + "'");
        }
    }

    private static int lineNumber(String[] w) {
        String text = word(w, 1);
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("line number must be a whole number 0 or more, was '" + text + "'");
    }

    static String word(String[] w, int i) {
        if (w.length <= i) {
            throw new IllegalArgumentException("'" + w[0] + "' needs " + i + " argument(s)"
                    + (USAGE.containsKey(w[0]) ? ": " + w[0] + " " + USAGE.get(w[0]) : ""));
        }
        return w[i];
    }

    static double number(String[] w, int i) {
        try {
            return Double.parseDouble(word(w, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + w[0] + "': not a number: '" + w[i] + "'", e);
        }
    }
}
