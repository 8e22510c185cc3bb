package dev.wren.models.builder;

/**
 * Per-feature standardisation, {@code (x - mean) / std} in float arithmetic, as a model's
 * descriptor gives it to the runtime.
 */
record Normalisation(float[] mean, float[] std) {

    /** A feature with a standard deviation below this is only centred (std 1). */
    private static final double FLAT = 1e-6;

    /** @return the mean and (population) standard deviation of each column */
    static Normalisation of(float[][] rows) {
        int width = rows[0].length;
        float[] mean = new float[width];
        float[] std = new float[width];
        for (int j = 0; j < width; j++) {
            double sum = 0;
            for (float[] row : rows) {
                sum += row[j];
            }
            double m = sum / rows.length;
            double squares = 0;
            for (float[] row : rows) {
                squares += (row[j] - m) * (row[j] - m);
            }
            double s = Math.sqrt(squares / rows.length);
            mean[j] = (float) m;
            std[j] = s < FLAT ? 1f : (float) s;
        }
        return new Normalisation(mean, std);
    }

    float[] apply(float[] raw) {
        float[] out = new float[raw.length];
        for (int j = 0; j < raw.length; j++) {
            out[j] = (raw[j] - mean[j]) / std[j];
        }
        return out;
    }
}
