package dev.wren.inference.internal;

/**
 * Debounce and hysteresis over a stream of per-label scores: the decided label changes only when
 * another label has scored at least {@code enter} for {@code debounce} inputs in a row while the
 * decided label's own score stayed below {@code enter - hysteresis}. One short burst never flips
 * it, and a score hovering at the threshold never makes it flap. Starts at label 0 (normal).
 */
final class Decision {

    private final int debounce;
    private final double hysteresis;
    private int decided;
    private int candidate = -1;
    private int count;

    Decision(int debounce, double hysteresis) {
        this.debounce = debounce;
        this.hysteresis = hysteresis;
    }

    /**
     * @param scores one per label
     * @param enter  the score a label needs to be taken
     * @return the decided label's index
     */
    int update(float[] scores, int n, double enter) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        if (best == decided || scores[best] < enter || scores[decided] >= enter - hysteresis) {
            candidate = -1;
            count = 0;
            return decided;
        }
        if (best != candidate) {
            candidate = best;
            count = 0;
        }
        if (++count >= debounce) {
            decided = best;
            candidate = -1;
            count = 0;
        }
        return decided;
    }

    int decided() {
        return decided;
    }
}
