package org.example.wren.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.wren.inference.features.SummaryFeatures;
import dev.wren.models.builder.LinearModel;
import dev.wren.sensor.Quantity;

/**
 * The condensation-risk model: a trigger over summary statistics of an SHT31's temperature and
 * humidity ({@value SummaryFeatures#NAME}), designed rather than fitted: it fires when the window's
 * mean humidity is above about 85 %, sooner when humidity rises and the air cools. Run by the model
 * module's build: {@code CondensationRisk <directory> <window seconds>}.
 */
public final class CondensationRisk {

    private CondensationRisk() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int windowS = Integer.parseInt(args[1]);
        // per quantity: mean, std, min, max, slope (unit per minute); temperature first, then humidity
        float[] mean = {20, 0.5f, 19, 21, 0, 60, 2, 58, 62, 0};
        float[] std = {5, 1, 5, 5, 1, 15, 2, 15, 15, 1};
        float[] w = new float[10];
        w[SummaryFeatures.MEAN] = -0.5f;
        w[SummaryFeatures.PER_QUANTITY + SummaryFeatures.MEAN] = 2;
        w[SummaryFeatures.PER_QUANTITY + SummaryFeatures.SLOPE] = 0.5f;
        LinearModel.trigger("condensation-risk", "1.0.0")
                .features(SummaryFeatures.NAME, Map.of("sensors", "(sensor.kind=sht31)",
                        "quantities", List.of(Quantity.TEMPERATURE, Quantity.HUMIDITY), "window.s", windowS))
                .normalisation(mean, std)
                .weights(new float[][] {w}, new float[] {-3.33f})
                .threshold(0.5)
                .vector(new float[] {21, 0.1f, 20.9f, 21.1f, 0, 45, 0.5f, 44, 46, 0})
                .vector(new float[] {18, 0.1f, 17.9f, 18.1f, -0.2f, 95, 1, 93, 96, 2})
                .write(dir);
        System.out.println("condensation-risk 1.0.0 written to " + dir + " (" + windowS + " s windows)");
    }
}
