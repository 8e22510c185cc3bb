package dev.wren.driver.ads1115;

import java.util.Arrays;
import java.util.Map;

import dev.wren.hardware.simulator.SimContext;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimClock;
import dev.wren.hardware.simulator.chips.Ads1115Chip;

/**
 * Prints the median time of one read against the simulated chip: {@code ReadTiming [reads]},
 * one input at 860 samples/s (a conversion alone takes 1.16 ms), then four at the default 128.
 * Not a test.
 */
public final class ReadTiming {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        SimBoard board = new SimBoard(SimClock.system(), 1);
        Ads1115Chip adc = new Ads1115Chip(board.clock());
        adc.input(0, 1.0);
        board.plug(1, 0x48, adc);
        time(board, n, Map.of("channels", "0", "data.rate.sps", 860), "1 input at 860 SPS");
        time(board, Math.max(1, n / 20), Map.of(), "4 inputs at 128 SPS");
    }

    private static void time(SimBoard board, int n, Map<String, Object> config, String what) throws Exception {
        try (SimContext bus = new SimContext(board)) {
            Ads1115.Settings s = Configs.settings(config);
            Ads1115Reader r = new Ads1115Reader(bus.open(s.bus(), s.address()), s);
            long[] t = new long[n];
            for (int i = 0; i < Math.min(n, 200); i++) {
                r.read();
            }
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                r.read();
                t[i] = System.nanoTime() - start;
            }
            Arrays.sort(t);
            System.out.printf("ADS1115 read, %s (%d reads): median %.1f us, p99 %.1f us%n", what, n, t[n / 2] / 1e3, t[n * 99 / 100] / 1e3);
        }
    }
}
