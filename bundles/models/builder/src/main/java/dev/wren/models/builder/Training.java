package dev.wren.models.builder;

import java.util.Random;

/**
 * The data and the fit behind the models, from fixed seeds: {@value #WINDOWS} simulated windows,
 * the first {@value #TRAIN} to train on (and to take the normalisation and the INT8 calibration
 * from), the rest held out for the figures, the trigger's threshold and the test vectors.
 */
final class Training {

    static final long DATA_SEED = 0x5752454EL;
    static final long FIT_SEED = 17;
    static final int WINDOWS = 5000;
    static final int TRAIN = 4000;

    private static Dataset windows;

    /**
     * @param train   normalised training windows
     * @param heldOut normalised held-out windows
     */
    record Result(Role role, Mlp net, Normalisation normalisation, Dataset train, Dataset heldOut) {
    }

    private Training() {
    }

    static Result run(Role role) {
        return run(role, false);
    }

    /** @return the fit a recipe is built from: its role's, on shuffled labels for {@link Recipe.Variant#SHUFFLED_LABELS} */
    static Result of(Recipe recipe) {
        return run(recipe.role, recipe.variant == Recipe.Variant.SHUFFLED_LABELS);
    }

    /** @param shuffled whether the training windows' labels are shuffled among them first (a model that learns nothing) */
    static Result run(Role role, boolean shuffled) {
        Dataset all = windows();
        Dataset raw = all.slice(0, TRAIN);
        if (shuffled) {
            raw = raw.shuffledLabels(new Random(FIT_SEED));
        }
        Normalisation normalisation = Normalisation.of(raw.features());
        Dataset train = raw.normalised(normalisation);
        Dataset heldOut = all.slice(TRAIN, WINDOWS).normalised(normalisation);
        int epochs = role == Role.TRIGGER ? 30 : 40;
        Mlp net = Trainer.train(role, train, epochs, new Random(FIT_SEED + role.ordinal()));
        return new Result(role, net, normalisation, train, heldOut);
    }

    /** @return the simulated windows, generated once per process */
    static synchronized Dataset windows() {
        if (windows == null) {
            windows = Dataset.generate(DATA_SEED, WINDOWS);
        }
        return windows;
    }
}
