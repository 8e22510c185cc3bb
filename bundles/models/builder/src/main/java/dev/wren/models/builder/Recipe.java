package dev.wren.models.builder;

/** The model bundles this builder makes, by name: the bundle's folder, its model and its symbolic name. */
enum Recipe {

    VIBRATION_TRIGGER("vibration-trigger", Role.TRIGGER, false),
    VIBRATION_TRIGGER_INT8("vibration-trigger-int8", Role.TRIGGER, true),
    VIBRATION_CLASSIFIER("vibration-classifier", Role.CLASSIFIER, false),
    VIBRATION_CLASSIFIER_INT8("vibration-classifier-int8", Role.CLASSIFIER, true);

    /** The version of every model here, and so of its bundle. */
    static final String VERSION = "1.0.0";

    final String modelName;
    final Role role;
    final boolean int8;

    Recipe(String modelName, Role role, boolean int8) {
        this.modelName = modelName;
        this.role = role;
        this.int8 = int8;
    }

    String precision() {
        return int8 ? "int8" : "fp32";
    }

    static Recipe named(String name) {
        for (Recipe r : values()) {
            if (r.modelName.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no model named '" + name + "'");
    }
}
