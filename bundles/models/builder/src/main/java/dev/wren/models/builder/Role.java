package dev.wren.models.builder;

import java.util.List;

/**
 * What a model does, and the shape of its network: ReLU hidden layers, then a sigmoid (trigger)
 * or a softmax (classifier) over the last layer.
 */
enum Role {

    /** How unusual a window is: one score, 0 normal to 1 any fault. */
    TRIGGER("trigger", new int[] {24, 16, 1}, List.of()),

    /** One score per condition, summing to 1. */
    CLASSIFIER("classifier", new int[] {24, 32, 16, 4}, List.of("normal", "imbalance", "misalignment", "bearing_fault"));

    final String id;
    private final int[] layers;
    final List<String> labels;

    Role(String id, int[] layers, List<String> labels) {
        this.id = id;
        this.layers = layers;
        this.labels = labels;
    }

    /** @return the width of each layer, input first */
    int[] layers() {
        return layers.clone();
    }

    int outputs() {
        return layers[layers.length - 1];
    }

    /** @return the training target of a window of condition {@code condition} (its ordinal) */
    int target(int condition) {
        return this == TRIGGER ? (condition == 0 ? 0 : 1) : condition;
    }
}
