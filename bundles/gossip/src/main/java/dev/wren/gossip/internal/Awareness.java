package dev.wren.gossip.internal;

/**
 * Lifeguard's local health multiplier: a score from 0 to {@code max - 1} that rises when this node
 * misses acks or nacks or has to refute a suspicion (signs that this node, not its peers, is slow)
 * and falls with every successful probe. Probe interval and timeout are scaled by score + 1.
 */
final class Awareness {

    private final int max;
    private int score;

    Awareness(int max) {
        this.max = max;
    }

    void apply(int delta) {
        score = Math.max(0, Math.min(max - 1, score + delta));
    }

    int score() {
        return score;
    }

    long scale(long millis) {
        return millis * (score + 1);
    }
}
