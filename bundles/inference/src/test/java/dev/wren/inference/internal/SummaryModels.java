package dev.wren.inference.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.wren.inference.features.SummaryFeatures;
import dev.wren.models.builder.LinearModel;

/** Real summary-v1 ONNX models, written as a third party's build writes them ({@link LinearModel}). */
final class SummaryModels {

    private SummaryModels() {
    }

    /**
     * A trigger over one quantity's mean: fires when the window's mean is above {@code limit}.
     *
     * @param bias added to the output's logit: -1000 makes a trigger that never fires
     */
    static Fixtures.Files above(String name, String version, String sensors, String quantity, double limit,
            double windowS, float bias) {
        float[] mean = {(float) limit, 1, (float) limit, (float) limit, 0};
        float[] std = {1, 1, 1, 1, 1};
        float[] w = new float[SummaryFeatures.PER_QUANTITY];
        w[SummaryFeatures.MEAN] = 4;
        try {
            Path dir = Files.createTempDirectory("wren-model");
            LinearModel.trigger(name, version)
                    .features(SummaryFeatures.NAME, Map.of("sensors", sensors, "quantities", List.of(quantity), "window.s",
                            windowS))
                    .normalisation(mean, std)
                    .weights(new float[][] {w}, new float[] {bias})
                    .threshold(0.5)
                    .vector(new float[] {(float) limit - 5, 0, (float) limit - 6, (float) limit - 4, 0})
                    .vector(new float[] {(float) limit + 5, 0, (float) limit + 4, (float) limit + 6, 0})
                    .write(dir);
            return new Fixtures.Files(Files.readString(dir.resolve("model.json"), StandardCharsets.UTF_8),
                    Files.readAllBytes(dir.resolve("model.onnx")),
                    Files.readString(dir.resolve("vectors.json"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
