package dev.wren.models.builder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Int8Test {

    @ParameterizedTest
    @EnumSource(Role.class)
    void quantisationRoundsEachWeightToItsNearestStep(Role role) {
        Training.Result fit = Fits.of(role);
        Int8 q = Int8.calibrate(fit.net(), fit.train());
        for (int l = 0; l < fit.net().depth(); l++) {
            float[] w = fit.net().weights()[l];
            float scale = q.weightScale()[l];
            for (int i = 0; i < w.length; i++) {
                assertEquals(w[i], q.weights()[l][i] * scale, scale / 2 * 1.0001, "layer " + l + " weight " + i);
            }
        }
        assertEquals(-128, q.hidden()[0].zeroPoint(), "a ReLU output starts at the bottom of the range");
    }

    /** The INT8 network decides as the float one does, with scores that differ a little. */
    @ParameterizedTest
    @EnumSource(Role.class)
    void theInt8NetworkStaysCloseToTheFloatOne(Role role) {
        Training.Result fit = Fits.of(role);
        Int8 q = Int8.calibrate(fit.net(), fit.train());
        double worst = 0;
        int agree = 0;
        for (float[] x : fit.heldOut().features()) {
            double[] f = fit.net().scores(x);
            double[] i = q.scores(x);
            for (int k = 0; k < f.length; k++) {
                worst = Math.max(worst, Math.abs(f[k] - i[k]));
            }
            boolean same = role == Role.TRIGGER ? (f[0] > 0.5) == (i[0] > 0.5)
                    : Evaluation.argmax(f) == Evaluation.argmax(i);
            agree += same ? 1 : 0;
        }
        System.out.printf("%s: INT8 agrees on %d of %d held-out windows, scores differ by %.4f at most%n", role,
                agree, fit.heldOut().size(), worst);
        assertTrue(agree >= 0.99 * fit.heldOut().size());
        assertTrue(worst > 0, "quantised");
    }
}
