package dev.wren.config.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The guard's own work per configuration delivery, without a framework: {@link ConfigGuard#guard} on
 * the Sampler's six attributes (Felix MetaType's real attribute definitions), all valid and with one
 * refused, against copying the dictionary alone (what a delivery costs without the guard). Prints
 * medians of 20 batches of 10 000 deliveries, in microseconds per delivery.
 */
public final class GuardBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, Rule> rules = new LinkedHashMap<>();
        rules.put("sampling.period.full.ms", Ads.rule("sampling.period.full.ms", "Long", "0", "86400000", "10000", 0, true));
        rules.put("sampling.period.degraded.ms", Ads.rule("sampling.period.degraded.ms", "Long", "0", "86400000", "60000", 0, true));
        rules.put("sampling.period.minimal.ms", Ads.rule("sampling.period.minimal.ms", "Long", "0", "86400000", "300000", 0, true));
        rules.put("fault.threshold", Ads.rule("fault.threshold", "Integer", "1", "1000", "3", 0, true));
        rules.put("fault.backoff.max.ms", Ads.rule("fault.backoff.max.ms", "Long", "1000", "86400000", "300000", 0, true));
        rules.put("threads", Ads.rule("threads", "Integer", "1", "8", "1", 0, true));
        Path dir = Files.createTempDirectory("guard-bench");
        ConfigGuard guard = new ConfigGuard(null, new LastGood(dir), line -> { }, new Refusals());
        Hashtable<String, Object> good = new Hashtable<>(Map.of("sampling.period.full.ms", "10000",
                "sampling.period.degraded.ms", 60000L, "sampling.period.minimal.ms", 300000L, "fault.threshold", 3,
                "fault.backoff.max.ms", 300000L, "threads", "2", "service.pid", "dev.wren.sampling.Sampler"));
        Hashtable<String, Object> bad = new Hashtable<>(good);
        bad.put("threads", "0");
        System.out.printf(Locale.ROOT, "| delivery of the Sampler's configuration | us per delivery, median (min-max) of 20 x 10 000 |%n|---|---|%n");
        System.out.printf(Locale.ROOT, "| copy only (no guard) | %s |%n", time(() -> new Hashtable<>(good)));
        System.out.printf(Locale.ROOT, "| copy + guard, all valid | %s |%n",
                time(() -> guard.guard("dev.wren.sampling.Sampler", rules, new Hashtable<>(good))));
        System.out.printf(Locale.ROOT, "| copy + guard, threads=0 refused | %s |%n",
                time(() -> guard.guard("dev.wren.sampling.Sampler", rules, new Hashtable<>(bad))));
    }

    private static String time(Runnable delivery) {
        double[] batches = new double[20];
        for (int warm = 0; warm < 50_000; warm++) {
            delivery.run();
        }
        for (int b = 0; b < batches.length; b++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                delivery.run();
            }
            batches[b] = (System.nanoTime() - t0) / 1e3 / 10_000;
        }
        Arrays.sort(batches);
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", (batches[9] + batches[10]) / 2, batches[0], batches[19]);
    }

    private GuardBenchmark() {
    }
}
