package dev.wren.hardware.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script of what happens to the board over time, one step a line:
 * <pre>
 * # comment
 * at 0s    humidity 55
 * at 30s   temperature 31.5
 * at 2m    fault 1:0x76 nack
 * at 3m    fault 1:0x76 none
 * at 10m   line 17 high
 * </pre>
 * Times are from the start of the scenario ({@code ms}, {@code s}, {@code m}, {@code h}). The
 * commands are those of {@link #apply}; the steps run in time order, ties in file order.
 *
 * @param steps the steps, sorted by time
 */
public record Scenario(List<Step> steps) {

    private static final Pattern LINE = Pattern.compile("at\\s+(\\d+(?:\\.\\d+)?)(ms|s|m|h)\\s+(.+)");

    /** One command at one time. */
    public record Step(Duration at, String command, int line) {
    }

    public Scenario {
        steps = steps.stream().sorted(Comparator.comparing(Step::at)).toList();
    }

    /**
     * @throws IllegalArgumentException naming the line number and what is wrong with it; every
     *         command is checked against {@code board} without being applied
     */
    public static Scenario parse(String text, SimBoard board) {
        List<Step> steps = new ArrayList<>();
        // a byte-order mark (left by some Windows editors) would otherwise spoil the first line
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(l);
            if (!m.matches()) {
                throw new IllegalArgumentException("scenario line " + (i + 1) + ": expected 'at <time><ms|s|m|h> <command>', was '" + l + "'");
            }
            double n = Double.parseDouble(m.group(1));
            long unitMs = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1000;
                case "m" -> 60_000;
                default -> 3_600_000;
            };
            try {
                SimCommands.check(board, m.group(3));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("scenario line " + (i + 1) + ": " + e.getMessage(), e);
            }
            steps.add(new Step(Duration.ofMillis(Math.round(n * unitMs)), m.group(3).trim(), i + 1));
        }
        return new Scenario(steps);
    }

    /**
     * Applies one command to the board now. Commands:
     * {@code temperature <degC>}, {@code pressure <Pa>}, {@code humidity <%>},
     * {@code fault <bus>:<address> <none|nack|timeout|corrupt|absent|intermittent> [share]},
     * {@code line <n> <high|low>}, {@code vibration <normal|imbalance|misalignment|bearing-fault> [severity]},
     * {@code shaft <Hz>}, {@code noise <g>}, {@code battery <%>}, {@code load <A>}, {@code external <on|off>}.
     *
     * @throws IllegalArgumentException saying what is wrong with the command
     */
    public static void apply(SimBoard board, String command) {
        SimCommands.apply(board, command.trim().toLowerCase(Locale.ROOT));
    }
}
