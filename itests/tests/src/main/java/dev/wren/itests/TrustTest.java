package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.inference.Model;
import dev.wren.trust.Signatures;
import dev.wren.trust.Verdict;

/**
 * The trust store on the running gateway: the shipped models are signed by the build's key; with that
 * key's certificate configured, an unsigned model bundle is refused by the model extender with the
 * reason while the shipped version keeps serving, a copy of a signed bundle altered by one byte is
 * refused, and revoking the key's fingerprint refuses what it signed. The certificate is the one the
 * build exported into this test bundle (trust/), whichever key the build signed with.
 */
class TrustTest extends GatewayTestBase {

    @InjectService(timeout = 20_000)
    Signatures signatures;

    @InjectService(timeout = 20_000)
    LogReaderService logReader;

    private final List<Bundle> installed = new ArrayList<>();
    private Path dir;

    @AfterEach
    void untrust() throws Exception {
        for (Bundle b : installed) {
            b.uninstall();
        }
        // revoked named, so the configuration guard's last good value of it is none again
        Gateway.update(cm.getConfiguration(Gateway.TRUST, "?"), Map.of("directory", "", "revoked", new String[0]));
        Gateway.await("trust no longer enforced", () -> !signatures.enforced());
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void withoutTrustConfiguredEveryVerdictIsUncheckedAndTheShippedModelsSayWhoSignedThem() {
        assertFalse(signatures.enforced());
        Verdict v = signatures.check(ModelVariant.shipped(context));
        assertEquals(Verdict.Status.UNCHECKED, v.status(), v.toString());
        assertTrue(v.accepted());
        assertNotNull(v.signer(), "the shipped model bundle is signed: " + v);
    }

    @Test
    void withTheBuildKeyTrustedTheShippedModelsAreTrustedAndAnUnsignedModelIsRefusedWhileTheShippedOneServes()
            throws Exception {
        X509Certificate cert = trust();
        Verdict shipped = signatures.check(ModelVariant.shipped(context));
        assertEquals(Verdict.Status.TRUSTED, shipped.status(), shipped.toString());
        assertTrue(shipped.signer().contains(cert.getSubjectX500Principal().getName()), shipped.signer());

        try (LogWatch log = new LogWatch(logReader)) {
            Bundle unsigned = context.installBundle("trust-test:" + System.nanoTime(),
                    new ByteArrayInputStream(ModelVariant.of(context, "4.0.0", UnaryOperator.identity())));
            installed.add(unsigned);
            unsigned.start();
            Gateway.await("the refusal logged", () -> log.hasError("refused: signature: unsigned"));
        }
        var serving = context.getServiceReferences(Model.class, "(&(" + Model.NAME + "=" + ModelVariant.CLASSIFIER + ")("
                + Model.SERVING + "=true))");
        assertEquals("1.0.0", serving.iterator().next().getProperty(Model.VERSION));
    }

    @Test
    void aSignedBundleAlteredByOneByteIsRefusedAndRevokingTheKeyRefusesWhatItSigned() throws Exception {
        X509Certificate cert = trust();
        Path altered = dir.resolve("altered.jar");
        copy(ModelVariant.shipped(context), altered, "wren-model/model.onnx");
        Verdict v = signatures.check(altered);
        assertEquals(Verdict.Status.REFUSED, v.status(), v.toString());
        assertTrue(v.reason().contains("altered after signing"), v.reason());

        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        Gateway.update(cm.getConfiguration(Gateway.TRUST, "?"), Map.of("directory", dir.toString(), "revoked", new String[] {fingerprint}));
        Gateway.await("the revocation applied",
                () -> signatures.check(ModelVariant.shipped(context)).status() == Verdict.Status.REFUSED);
        Verdict revoked = signatures.check(ModelVariant.shipped(context));
        assertTrue(revoked.reason().startsWith("revoked"), revoked.toString());
        assertTrue(signatures.enforced(), "revoking the only key keeps signatures enforced");
    }

    /** Configures a trust store holding the certificate this bundle carries; @return that certificate */
    private X509Certificate trust() throws Exception {
        dir = Files.createTempDirectory("wren-trust-it");
        List<URL> pems = Collections.list(context.getBundle().findEntries("trust", "*.pem", false));
        assertFalse(pems.isEmpty(), "the build put its signing certificate in this bundle");
        X509Certificate cert;
        try (InputStream in = pems.get(0).openStream()) {
            byte[] pem = in.readAllBytes();
            Files.write(dir.resolve("signing.pem"), pem);
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
        }
        Gateway.update(cm.getConfiguration(Gateway.TRUST, "?"), Map.of("directory", dir.toString()));
        Gateway.await("signatures enforced", signatures::enforced);
        return cert;
    }

    /** The bundle's entries, signature included, into {@code out}, with one byte of {@code entry} flipped. */
    private static void copy(Bundle bundle, Path out, String entry) throws IOException {
        List<String> paths = new ArrayList<>(List.of("META-INF/MANIFEST.MF"));
        for (URL url : Collections.list(bundle.findEntries("/", "*", true))) {
            String p = url.getPath().substring(1);
            if (!p.endsWith("/") && !paths.contains(p)) {
                paths.add(p);
            }
        }
        try (OutputStream file = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String p : paths) {
                byte[] bytes;
                try (InputStream in = bundle.getEntry(p).openStream()) {
                    bytes = in.readAllBytes();
                }
                if (p.equals(entry)) {
                    bytes[bytes.length / 2] ^= 1;
                }
                zip.putNextEntry(new ZipEntry(p));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
    }
}
