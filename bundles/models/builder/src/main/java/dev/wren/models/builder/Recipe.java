package dev.wren.models.builder;

/**
 * The model bundles this builder makes, by key (the bundle's folder): the model's name and version,
 * its role and precision, and how it was made. The shipped models are honest fits; the two
 * {@link Variant variants} are worse models made on purpose, for the canary's tests: signed like any
 * other, valid by every static check, and wrong.
 */
enum Recipe {

    VIBRATION_TRIGGER("vibration-trigger", Role.TRIGGER, false),
    VIBRATION_TRIGGER_INT8("vibration-trigger-int8", Role.TRIGGER, true),
    VIBRATION_CLASSIFIER("vibration-classifier", Role.CLASSIFIER, false),
    VIBRATION_CLASSIFIER_INT8("vibration-classifier-int8", Role.CLASSIFIER, true),
    /** A classifier trained on labels shuffled among the windows: it has learnt nothing. */
    VIBRATION_CLASSIFIER_SHUFFLED("vibration-classifier-shuffled", "vibration-classifier", "1.1.0", Role.CLASSIFIER,
            false, Variant.SHUFFLED_LABELS),
    /** The honest trigger with its output bias set to -1000 and its test vectors recomputed: it never fires. */
    VIBRATION_TRIGGER_MUTED("vibration-trigger-muted", "vibration-trigger", "1.1.0", Role.TRIGGER, false,
            Variant.MUTED);

    /** How a model was made. */
    enum Variant {
        /** Fit to the simulated windows as labelled. */
        HONEST,
        /** Fit to the same windows with their labels shuffled. */
        SHUFFLED_LABELS,
        /** The honest fit, its output bias then set to -1000 (an attack that passes the static checks). */
        MUTED
    }

    /** The version of the shipped models, and so of their bundles. */
    static final String VERSION = "1.0.0";

    final String key;
    final String modelName;
    final String version;
    final Role role;
    final boolean int8;
    final Variant variant;

    Recipe(String modelName, Role role, boolean int8) {
        this(modelName, modelName, VERSION, role, int8, Variant.HONEST);
    }

    Recipe(String key, String modelName, String version, Role role, boolean int8, Variant variant) {
        this.key = key;
        this.modelName = modelName;
        this.version = version;
        this.role = role;
        this.int8 = int8;
        this.variant = variant;
    }

    String precision() {
        return int8 ? "int8" : "fp32";
    }

    static Recipe named(String name) {
        for (Recipe r : values()) {
            if (r.key.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no model named '" + name + "'");
    }
}
