package dev.wren.driver.ina219;

import java.util.Arrays;
import java.util.Map;

import dev.wren.hardware.simulator.SimContext;
import dev.wren.hardware.simulator.BatteryModel;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimClock;
import dev.wren.hardware.simulator.chips.Ina219Chip;

/** Prints the median time of one read against the simulated chip: {@code ReadTiming [reads]}. Not a test. */
public final class ReadTiming {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        SimBoard board = new SimBoard(SimClock.system(), 1);
        BatteryModel battery = BatteryModel.typical(board.clock());
        board.plug(1, 0x40, new Ina219Chip(board.clock(), 0.1, battery::terminalVolts, battery::loadCurrentA));
        try (SimContext bus = new SimContext(board)) {
            Ina219.Settings s = Configs.settings(Map.of());
            Ina219Reader r = new Ina219Reader(bus.open(s.bus(), s.address()), s);
            long[] t = new long[n];
            for (int i = 0; i < 1000; i++) {
                r.read();
            }
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                r.read();
                t[i] = System.nanoTime() - start;
            }
            Arrays.sort(t);
            System.out.printf("INA219 read (12-bit triggered conversion, %d reads): median %.1f us, p99 %.1f us%n",
                    n, t[n / 2] / 1e3, t[n * 99 / 100] / 1e3);
        }
    }
}
