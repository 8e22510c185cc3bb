package dev.wren.itests.process.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import dev.wren.feature.packager.Packager;

/** {@link InferenceLoad} as a bundle in a deployment package signed with the development key, as the build signs. */
public final class LoadPackage {

    public static final String NAME = "dev.wren.bench.load";

    private LoadPackage() {
    }

    /** @return the package, written in {@code dir} */
    public static Path build(Path dir, Path home) throws IOException {
        Path bundles = Files.createDirectories(dir.resolve("load-bundles"));
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", NAME);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", InferenceLoad.class.getName());
        a.putValue("Import-Package", "org.osgi.framework;version=\"[1.8,2)\",dev.wren.inference;version=\"[1.3,2)\"");
        String entry = InferenceLoad.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(bundles.resolve(NAME + ".jar"));
                JarOutputStream jar = new JarOutputStream(file, mf);
                InputStream in = InferenceLoad.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            in.transferTo(jar);
            jar.closeEntry();
        }
        Path out = dir.resolve(NAME + ".dp");
        Packager.main(new String[] {"out=" + out, "name=" + NAME, "version=1.0.0", "qualifier=bench",
            "bundles=" + bundles, "order=" + NAME, "keystore=" + home.resolve("features/packager/dev-key/wren-dev.p12"),
            "alias=wren-dev", "password=wren-dev-public"});
        return out;
    }
}
