package dev.wren.store.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The log-damage matrix: for each kind of damage to the files a killed outbox leaves (see
 * {@link DamageScenario}: half the messages before a clean restart, i.e. a checkpoint, half
 * after), messages committed, lost, reported lost and silently missing.
 *
 * <pre>
 * mvn -q -pl bundles/store test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.wren.store.internal.DamageMatrix -Ddir=target/damage -Dmessages=494
 * </pre>
 */
public final class DamageMatrix {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("dir", "target/damage"));
        int messages = Integer.getInteger("messages", 494);
        Map<String, DamageScenario.Damage> cases = new LinkedHashMap<>();
        cases.put("log truncated to 0", (d, r) -> truncateLogs(d, 0));
        cases.put("log truncated to 20 kB", (d, r) -> truncateLogs(d, 20_000));
        cases.put("log truncated to half its used part", (d, r) -> {
            for (Path log : DamageScenario.logFiles(d)) {
                DamageScenario.truncate(log, DamageScenario.used(log) / 2);
            }
        });
        for (int seed = 1; seed <= 3; seed++) {
            cases.put("log: 500 B overwritten at 10 places (seed " + seed + ")", (d, r) -> {
                Path log = DamageScenario.logFiles(d).get(0);
                DamageScenario.overwrite(log, 10, 500, DamageScenario.used(log), r);
            });
        }
        cases.put("log: 500 B overwritten at 1 place, the middle", (d, r) -> {
            Path log = DamageScenario.logFiles(d).get(0);
            DamageScenario.overwrite(log, 1, 500, DamageScenario.used(log), r);
        });
        cases.put("table: 500 B overwritten at 1 place", (d, r) -> {
            Path t = DamageScenario.dataFiles(d).get(0);
            DamageScenario.overwrite(t, 1, 500, Files.size(t), r);
        });
        cases.put("table: 500 B overwritten at 10 places", (d, r) -> {
            Path t = DamageScenario.dataFiles(d).get(0);
            DamageScenario.overwrite(t, 10, 500, Files.size(t), r);
        });
        cases.put("every data file: 500 B at 10 places", (d, r) -> {
            for (Path f : DamageScenario.dataFiles(d)) {
                DamageScenario.overwrite(f, 10, 500, Files.size(f), r);
            }
        });
        cases.put("log and table: 500 B at 10 places each", (d, r) -> {
            Path log = DamageScenario.logFiles(d).get(0);
            DamageScenario.overwrite(log, 10, 500, DamageScenario.used(log), r);
            Path t = DamageScenario.dataFiles(d).get(0);
            DamageScenario.overwrite(t, 10, 500, Files.size(t), r);
        });
        cases.put("service.properties garbled", (d, r) ->
                Files.write(d.resolve("db/service.properties"), "\u0000\u0001garbage".getBytes(StandardCharsets.UTF_8)));
        cases.put("id-ceiling garbled", (d, r) ->
                Files.write(d.resolve("id-ceiling"), "garbage".getBytes(StandardCharsets.UTF_8)));
        cases.put("journal garbled (log intact)", (d, r) ->
                Files.write(d.resolve("journal"), "garbage".getBytes(StandardCharsets.UTF_8)));
        cases.put("journal deleted AND log truncated to 20 kB (documented limit)", (d, r) -> {
            Files.delete(d.resolve("journal"));
            truncateLogs(d, 20_000);
        });
        System.out.println("| damage | committed | since checkpoint | actually lost | reported lost | silent |");
        System.out.println("|---|---|---|---|---|---|");
        int n = 0;
        long lost = 0;
        long reported = 0;
        long silent = 0;
        int failed = 0;
        for (Map.Entry<String, DamageScenario.Damage> c : cases.entrySet()) {
            Path work = dir.resolve("case-" + n++);
            Salvage.delete(work);
            DamageScenario.Result r;
            try {
                r = DamageScenario.run(work, messages, c.getValue(), n);
            } catch (Exception | AssertionError e) {
                System.out.printf("| %s | failed: %s |%n", c.getKey(), e.toString().replace('\n', ' '));
                failed++;
                continue;
            }
            System.out.printf("| %s | %d | %d | %d | %d | %d |%n", c.getKey(), r.committed(), r.sinceCheckpoint(),
                    r.actualLost(), r.reportedLost(), r.silent());
            lost += r.actualLost();
            reported += r.reportedLost();
            silent += r.silent();
            Salvage.delete(work);
        }
        System.out.printf("total: actually lost %d, reported lost %d, silent %d; cases that failed to run %d%n", lost,
                reported, silent, failed);
    }

    private static void truncateLogs(Path d, long size) throws java.io.IOException {
        for (Path log : DamageScenario.logFiles(d)) {
            DamageScenario.truncate(log, size);
        }
    }
}
