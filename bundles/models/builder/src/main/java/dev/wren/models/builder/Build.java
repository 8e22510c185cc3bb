package dev.wren.models.builder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Trains one model and writes its bundle's content: {@code Build <model name> <directory>}, such
 * as {@code Build vibration-classifier target/classes/wren-model}. Run by each model bundle's
 * build in {@code generate-resources}; the same name always gives the same bytes.
 */
public final class Build {

    private Build() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Build <model name> <directory>, names: "
                    + Arrays.stream(Recipe.values()).map(r -> r.key).toList());
        }
        long start = System.nanoTime();
        Recipe recipe = Recipe.named(args[0]);
        ModelBundle bundle = ModelBundle.build(recipe);
        bundle.write(Path.of(args[1]));
        System.out.printf("%s %s: %d bytes of ONNX, trained and written in %.1f s%n", recipe.modelName,
                recipe.version, bundle.onnx().length, (System.nanoTime() - start) / 1e9);
    }
}
