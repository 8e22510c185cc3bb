package dev.wren.models.builder;

/** A model's forward pass in Java, the reference its ONNX graph is checked against. */
interface Reference {

    /** @return the model's outputs for one normalised input */
    double[] scores(float[] input);
}
