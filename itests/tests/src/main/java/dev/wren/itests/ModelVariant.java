package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** A model bundle made in the test from the shipped classifier: unsigned, as anyone could make one. */
final class ModelVariant {

    static final String CLASSIFIER = "vibration-classifier";
    /** One symbolic name per model version (features/README.md); the extender goes by the capability. */
    static final String CLASSIFIER_BSN = "dev.wren.model.vibration-classifier-";

    private ModelVariant() {
    }

    /** @return the shipped classifier's bundle, version 1.0.0 */
    static Bundle shipped(BundleContext context) {
        return List.of(context.getBundles()).stream()
                .filter(b -> b.getSymbolicName().equals(CLASSIFIER_BSN + "1.0.0") && b.getVersion().toString().equals("1.0.0"))
                .findFirst().orElseThrow();
    }

    /**
     * The shipped classifier bundle rebuilt as {@code version}: manifest, capability and
     * descriptor say the new version; {@code model} may alter the ONNX file's bytes.
     */
    static byte[] of(BundleContext context, String version, UnaryOperator<byte[]> model) throws IOException {
        return rewrite(shipped(context), CLASSIFIER_BSN + version, version, "wren.model;name=" + CLASSIFIER
                + ";version:Version=" + version + ";role=classifier;descriptor=wren-model/model.json",
                json -> json.replaceFirst("\"version\"\\s*:\\s*\"1\\.0\\.0\"", "\"version\":\"" + version + "\""), model);
    }

    /**
     * A model bundle made from {@code source}'s {@code wren-model/} files: its own symbolic name,
     * version and {@code wren.model} capability, the descriptor and the ONNX file passed through.
     */
    static byte[] rewrite(Bundle source, String bsn, String version, String capability, UnaryOperator<String> descriptor,
            UnaryOperator<byte[]> model) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", bsn);
        a.putValue("Bundle-Version", version);
        a.putValue("Provide-Capability", capability);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, mf)) {
            for (URL url : Collections.list(source.findEntries("wren-model", "*", false))) {
                String path = url.getPath().substring(url.getPath().indexOf("wren-model/"));
                byte[] bytes;
                try (InputStream in = url.openStream()) {
                    bytes = in.readAllBytes();
                }
                if (path.endsWith("model.json")) {
                    bytes = descriptor.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                } else if (path.endsWith(".onnx")) {
                    bytes = model.apply(bytes);
                }
                jar.putNextEntry(new JarEntry(path));
                jar.write(bytes);
                jar.closeEntry();
            }
        }
        assertNotNull(out);
        return out.toByteArray();
    }
}
