package dev.wren.inference.internal;

import java.util.concurrent.atomic.LongAdder;

/** The pipeline's counters, shown by {@code wren:pipeline}. */
final class Counters {

    /** Analysis windows that produced an insight. */
    final LongAdder windows = new LongAdder();
    /** Windows the trigger found unusual, so the classifier ran. */
    final LongAdder triggered = new LongAdder();
    /** Sensor windows refused: wrong channel count, NaN or infinite samples. */
    final LongAdder rejected = new LongAdder();
    /** Analysis windows dropped because no trigger model was installed. */
    final LongAdder noModel = new LongAdder();
    /** Analysis windows left out in MINIMAL power mode. */
    final LongAdder skipped = new LongAdder();
    /** Raw windows handed to the suspect window sinks (FULL power mode, the trigger fired). */
    final LongAdder suspects = new LongAdder();
    /** Analysis windows whose inference failed. */
    final LongAdder failed = new LongAdder();
    /** Analysis windows whose features went to a peer (work sharing). */
    final LongAdder shared = new LongAdder();
    /** Of those, windows no peer answered in time or at all, so this gateway's trigger decided. */
    final LongAdder fallbacks = new LongAdder();

    @Override
    public String toString() {
        return "windows " + windows + ", triggered " + triggered + ", rejected " + rejected + ", without a model "
                + noModel + ", skipped (MINIMAL) " + skipped + ", raw windows sent " + suspects + ", failed " + failed
                + ", shared with peers " + shared + " (fell back " + fallbacks + ")";
    }
}
