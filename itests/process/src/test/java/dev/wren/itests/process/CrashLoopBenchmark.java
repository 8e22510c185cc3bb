package dev.wren.itests.process;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The crash loop at length: {@code cycles} SIGKILLs (default 200) of the store-and-forward process
 * at random moments during enqueue and drain, then a final drain; prints acknowledged, received,
 * lost (must be 0), duplicates per crash, and the gaps the cloud's sequence checker finds (must be 0).
 *
 * <pre>
 * mvn -q -pl itests/process test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.wren.itests.process.CrashLoopBenchmark -Dcycles=200
 * </pre>
 */
public final class CrashLoopBenchmark {

    public static void main(String[] args) throws Exception {
        int cycles = Integer.getInteger("cycles", 200);
        Path work = Files.createTempDirectory("wren-crash-loop");
        CrashLoop.Result r = new CrashLoop(work, Long.getLong("seed", 1), System.out).run(cycles, 100, 1500);
        System.out.printf("crash loop: %d SIGKILL cycles in %.0f s; acknowledged %d, received %d distinct, lost %d %s,"
                + " duplicates %d (%.1f per crash); sequence: high %d, gaps %d %s, reported lost %d, evicted %d,"
                + " expired %d%n", r.cycles(), r.seconds(), r.acked(), r.received(), r.lost(),
                r.lostIds(), r.duplicates(), r.duplicatesPerCrash(), r.sequence().high(), r.sequence().missing(),
                r.sequence().describeGaps(), r.sequence().lost(), r.sequence().evicted(), r.sequence().expired());
        System.exit(r.lost() == 0 && r.sequence().missing() == 0 ? 0 : 1);
    }
}
