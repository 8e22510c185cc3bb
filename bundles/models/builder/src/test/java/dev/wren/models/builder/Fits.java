package dev.wren.models.builder;

import java.util.EnumMap;
import java.util.Map;

/** Each role trained once per test run (and once more on shuffled labels), and each recipe's bundle content built once from it. */
final class Fits {

    private static final Map<Role, Training.Result> FITS = new EnumMap<>(Role.class);
    private static final Map<Role, Training.Result> SHUFFLED = new EnumMap<>(Role.class);
    private static final Map<Recipe, ModelBundle> BUNDLES = new EnumMap<>(Recipe.class);

    private Fits() {
    }

    static synchronized Training.Result of(Role role) {
        return FITS.computeIfAbsent(role, Training::run);
    }

    /** @return the fit {@code recipe} is built from */
    static synchronized Training.Result of(Recipe recipe) {
        return recipe.variant == Recipe.Variant.SHUFFLED_LABELS
                ? SHUFFLED.computeIfAbsent(recipe.role, r -> Training.of(recipe)) : of(recipe.role);
    }

    static synchronized ModelBundle bundle(Recipe recipe) {
        return BUNDLES.computeIfAbsent(recipe, r -> ModelBundle.build(r, of(r)));
    }
}
