package dev.wren.inference.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import ai.onnxruntime.OrtEnvironment;

/**
 * The model bundles built by this project, read from the test class path (each jar holds a
 * {@code wren-model/model.json}), so the tests run the real models.
 */
final class Fixtures {

    /** One model bundle's three files. */
    record Files(String descriptor, byte[] onnx, String vectors) {

        Descriptor parsed() {
            return Descriptor.parse(descriptor);
        }

        LoadedModel load(long bundleId) throws Loader.Refused {
            return new Loader(OrtEnvironment.getEnvironment()).load(parsed(), onnx, vectors, bundleId);
        }

        /** @return these files as version {@code version} of the same model */
        Files as(String version) {
            return new Files(descriptor.replaceFirst("\"version\"\\s*:\\s*\"[^\"]*\"", "\"version\":\"" + version + "\""),
                    onnx, vectors);
        }
    }

    private Fixtures() {
    }

    static Files model(String name) {
        return model(name, "1.0.0");
    }

    /** @return the model bundle of that name and version (the worse test models are 1.1.0) */
    static Files model(String name, String version) {
        try {
            for (URL url : Collections.list(Fixtures.class.getClassLoader().getResources("wren-model/model.json"))) {
                String json = text(url);
                Descriptor found = Descriptor.parse(json);
                if (found.name().equals(name) && found.version().toString().equals(version)) {
                    Descriptor d = Descriptor.parse(json);
                    return new Files(json, bytes(new URL(url, d.file())), text(new URL(url, d.vectors())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("model bundle " + name + " is not on the test class path");
    }

    private static String text(URL url) throws IOException {
        return new String(bytes(url), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        }
    }
}
