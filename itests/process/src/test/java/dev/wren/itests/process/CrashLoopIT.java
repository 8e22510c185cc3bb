package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short crash loop: the store-and-forward process killed with SIGKILL 10 times at random
 * moments while it enqueues and drains; every acknowledged message reaches the broker, and the
 * cloud's sequence checker finds no gap in the ids (no jump at a restart, nothing missing). The
 * benchmark ({@link CrashLoopBenchmark}) runs 200 cycles.
 */
class CrashLoopIT {

    @TempDir
    Path work;

    @Test
    void noAcknowledgedMessageIsLostAcrossKills() throws Exception {
        CrashLoop.Result r = new CrashLoop(work, 42, System.out).run(10, 150, 1200);
        System.out.println("crash loop: " + r);
        assertTrue(r.acked() > 100, "the producers got going: " + r);
        assertEquals(0, r.lost(), "acknowledged but never delivered: " + r.lostIds());
        assertEquals(0, r.sequence().missing(), "ids neither received nor reported: " + r.sequence().describeGaps());
        assertEquals(0, r.sequence().lost() + r.sequence().evicted() + r.sequence().expired(),
                "nothing reported lost, evicted or expired either: " + r.sequence());
        assertTrue(r.sequence().high() >= r.acked(), "the sequence covers every acknowledged message: " + r.sequence());
    }
}
