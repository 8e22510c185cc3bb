package dev.wren.inference;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One validated version of a model from a model bundle, registered by Wren's inference extender
 * only after its checksum, its graph and its test vectors passed. Service properties:
 * {@value #NAME}, {@value #VERSION}, {@value #ROLE}, {@value #SERVING} (whether this version is the
 * one the pipeline uses for its name), {@value #CANARY} and {@value #PINNED} (whether the operator
 * pinned this version, by configuration or console; since 1.4).
 */
@ProviderType
public interface Model {

    /** The capability namespace a model bundle provides, with attributes name, version and role. */
    String CAPABILITY = "wren.model";

    String NAME = "wren.model.name";
    String VERSION = "wren.model.version";
    String ROLE = "wren.model.role";
    String SERVING = "wren.model.serving";
    String CANARY = "wren.model.canary";
    /** @since 1.4 */
    String PINNED = "wren.model.pinned";

    /** Posted (asynchronously) when a model bundle is refused: name, version, bundle id, reason. */
    String TOPIC_REFUSED = "dev/wren/inference/MODEL_REFUSED";
    /** Posted when the serving version of a name changes: name, version, previous version, reason. */
    String TOPIC_SERVING = "dev/wren/inference/MODEL_SERVING";

    /**
     * Posted (asynchronously) when a canary's trial ends, promoted or rolled back by itself (since
     * 1.3): what a fleet operator acts on after a model install. Properties: {@code name},
     * {@code version} (the canary's), {@code serving} (the version it ran beside), {@code promoted}
     * (Boolean), {@code inputs} (Integer: live inputs judged), {@code agreement} (Double, 0 to 1, NaN
     * when no live input was judged), {@code fault.cases} (Integer: inputs the serving version decided
     * a fault on, live, recent ones replayed and its own test vectors of faults), {@code fault.agreement}
     * (Double, NaN when there were none), {@code canary.us} and {@code serving.us} (Double: mean
     * inference time of each on the same live inputs, µs, NaN without any), {@code reason} (in words).
     * A canary is promoted only if it agrees on both its live inputs and its fault cases; one that
     * decides a fault case otherwise is rolled back before it is judged on live inputs.
     */
    String TOPIC_CANARY = "dev/wren/inference/CANARY";

    /** @return what the descriptor declares */
    Info info();

    /**
     * Runs the model once on an already normalised input. Allocates; for tools, consoles and
     * tests. Wren's pipeline uses reused, pinned buffers instead.
     *
     * @param input {@code info().inputSize()} values
     * @return {@code info().outputSize()} values
     * @throws IllegalArgumentException if the input has the wrong length or a NaN
     * @throws IllegalStateException if this version was removed meanwhile
     */
    float[] run(float[] input);

    /**
     * What a model is, from its descriptor.
     *
     * @param name      1 to 64 of a-z 0-9 . _ -
     * @param version   OSGi version, as text
     * @param role      {@code trigger} (one output: how unusual the input is, 0 to 1) or
     *                  {@code classifier} (one score per label)
     * @param precision {@code fp32} or {@code int8}
     * @param features  the feature set the input follows, such as {@code vibration-v1}
     * @param inputSize number of floats in, after normalisation
     * @param outputSize number of floats out
     * @param labels    one per output of a classifier; empty for a trigger
     * @param sha256    the model file's SHA-256, hex
     */
    record Info(String name, String version, String role, String precision, String features, int inputSize,
            int outputSize, List<String> labels, String sha256) {

        public Info {
            labels = List.copyOf(labels);
        }
    }
}
