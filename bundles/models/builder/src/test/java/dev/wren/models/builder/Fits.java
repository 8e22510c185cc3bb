package dev.wren.models.builder;

import java.util.EnumMap;
import java.util.Map;

/** Each role trained once per test run, and each recipe's bundle content built once from it. */
final class Fits {

    private static final Map<Role, Training.Result> FITS = new EnumMap<>(Role.class);
    private static final Map<Recipe, ModelBundle> BUNDLES = new EnumMap<>(Recipe.class);

    private Fits() {
    }

    static synchronized Training.Result of(Role role) {
        return FITS.computeIfAbsent(role, Training::run);
    }

    static synchronized ModelBundle bundle(Recipe recipe) {
        return BUNDLES.computeIfAbsent(recipe, r -> ModelBundle.build(r, of(r.role)));
    }
}
