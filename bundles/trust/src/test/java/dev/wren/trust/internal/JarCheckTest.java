package dev.wren.trust.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.feature.packager.Signer;
import dev.wren.trust.Verdict;

/**
 * The verdicts on real jars signed as the build signs them ({@link Signer}, the JDK's JarSigner)
 * with real keys made by the JDK's keytool: a trusted key, another key, an expired one, and a leaf
 * issued by a CA.
 */
class JarCheckTest {

    private static final String PASSWORD = "test-password";

    @TempDir
    static Path dir;

    static Path keys;
    static X509Certificate trusted;
    static X509Certificate ca;

    @BeforeAll
    static void keys() throws Exception {
        keys = dir.resolve("keys.p12");
        keytool("-genkeypair", "-alias", "trusted", "-dname", "CN=Trusted test signer", "-validity", "30");
        keytool("-genkeypair", "-alias", "other", "-dname", "CN=Someone else", "-validity", "30");
        keytool("-genkeypair", "-alias", "expired", "-dname", "CN=Expired test signer", "-startdate", "-30d",
                "-validity", "2");
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=Test fleet CA", "-validity", "60", "-ext", "bc:c");
        keytool("-genkeypair", "-alias", "leaf", "-dname", "CN=Build server", "-validity", "30");
        keytool("-certreq", "-alias", "leaf", "-file", dir.resolve("leaf.csr").toString());
        keytool("-gencert", "-alias", "ca", "-infile", dir.resolve("leaf.csr").toString(), "-outfile",
                dir.resolve("leaf.cer").toString(), "-rfc", "-validity", "30");
        keytool("-importcert", "-alias", "leaf", "-file", dir.resolve("leaf.cer").toString(), "-noprompt");
        trusted = certificate("trusted");
        ca = certificate("ca");
    }

    @Test
    void aJarSignedByAHeldCertificateIsTrusted() throws Exception {
        Verdict v = JarCheck.check(signed("trusted"), anchors(List.of(trusted)), Instant.now());
        assertEquals(Verdict.Status.TRUSTED, v.status(), v.toString());
        assertTrue(v.signer().contains("CN=Trusted test signer"), v.signer());
    }

    @Test
    void aJarIssuedByAHeldCaIsTrusted() throws Exception {
        Verdict v = JarCheck.check(signed("leaf"), anchors(List.of(ca)), Instant.now());
        assertEquals(Verdict.Status.TRUSTED, v.status(), v.toString());
    }

    @Test
    void unsignedIsRefused() throws Exception {
        Verdict v = JarCheck.check(jar("unsigned"), anchors(List.of(trusted)), Instant.now());
        assertRefused(v, "unsigned");
    }

    @Test
    void anotherKeyIsRefusedAsUntrusted() throws Exception {
        Verdict v = JarCheck.check(signed("other"), anchors(List.of(trusted)), Instant.now());
        assertRefused(v, "untrusted: signed by CN=Someone else");
    }

    @Test
    void anExpiredCertificateIsRefusedEvenWhenHeld() throws Exception {
        Verdict v = JarCheck.check(signed("expired"), anchors(List.of(certificate("expired"))), Instant.now());
        assertRefused(v, "expired");
    }

    @Test
    void aRevokedCertificateIsRefused() throws Exception {
        Anchors a = new Anchors(List.of(trusted), java.util.Set.of(Anchors.fingerprint(trusted)), true);
        assertRefused(JarCheck.check(signed("trusted"), a, Instant.now()), "revoked");
        Anchors revokedCa = new Anchors(List.of(ca), java.util.Set.of(Anchors.fingerprint(ca)), true);
        assertRefused(JarCheck.check(signed("leaf"), revokedCa, Instant.now()), "revoked: CN=Test fleet CA");
    }

    @Test
    void oneByteChangedAfterSigningIsRefused() throws Exception {
        Path jar = signed("trusted");
        Path altered = rewrite(jar, "altered", "wren-model/model.onnx", b -> b[b.length / 2] ^= 1, null);
        assertRefused(JarCheck.check(altered, anchors(List.of(trusted)), Instant.now()), "altered after signing");
    }

    @Test
    void anEntryAddedAfterSigningIsRefused() throws Exception {
        Path added = rewrite(signed("trusted"), "added", null, null, "wren-model/extra.json");
        assertRefused(JarCheck.check(added, anchors(List.of(trusted)), Instant.now()), "not signed");
    }

    @Test
    void anEntryRemovedAfterSigningIsRefused() throws Exception {
        Path removed = rewrite(signed("trusted"), "removed", "wren-model/vectors.json", null, null);
        assertRefused(JarCheck.check(removed, anchors(List.of(trusted)), Instant.now()), "missing");
    }

    @Test
    void aFileThatIsNotAJarIsRefused() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.jar"), "not a zip");
        assertRefused(JarCheck.check(junk, anchors(List.of(trusted)), Instant.now()), "not a readable jar");
    }

    @Test
    void theDirectoryIsConfiguredByAnyCertificateFileEvenWhenAllAreRevoked() throws Exception {
        Path trust = Files.createDirectories(dir.resolve("trust-revoked"));
        Files.write(trust.resolve("only.pem"), trusted.getEncoded());
        Anchors a = Anchors.read(trust, List.of(Anchors.fingerprint(trusted).toUpperCase()), (f, why) -> {
        });
        assertTrue(a.configured());
        assertTrue(a.certificates().isEmpty());
        assertFalse(Anchors.read(dir.resolve("absent"), List.of(), (f, why) -> {
        }).configured());
        List<String> bad = new ArrayList<>();
        Files.writeString(trust.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n");
        Anchors.read(trust, List.of(), (f, why) -> bad.add(f.getFileName().toString()));
        assertEquals(List.of("broken.pem"), bad);
    }

    private static void assertRefused(Verdict v, String reason) {
        assertEquals(Verdict.Status.REFUSED, v.status(), v.toString());
        assertFalse(v.accepted());
        assertTrue(v.reason().contains(reason), v.reason());
    }

    private static Anchors anchors(List<X509Certificate> held) {
        return new Anchors(held, java.util.Set.of(), true);
    }

    /** A model-like jar: a manifest, a descriptor, a model and test vectors. */
    private static Path jar(String name) throws IOException {
        Path jar = dir.resolve(name + "-" + System.nanoTime() + ".jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-SymbolicName", "test.model");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            for (String entry : List.of("wren-model/model.json", "wren-model/model.onnx", "wren-model/vectors.json")) {
                j.putNextEntry(new ZipEntry(entry));
                j.write((entry + " content ").repeat(40).getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }

    private static Path signed(String alias) throws Exception {
        Path jar = jar(alias);
        Signer.main(new String[] {"jar=" + jar, "keystore=" + keys, "alias=" + alias, "password=" + PASSWORD});
        return jar;
    }

    interface Change {
        void apply(byte[] content);
    }

    /** A copy of {@code jar}: {@code entry} changed (or dropped when there is no change), one entry added. */
    private static Path rewrite(Path jar, String name, String entry, Change change, String add) throws IOException {
        Path out = dir.resolve(name + "-" + System.nanoTime() + ".jar");
        try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (var e = in.entries(); e.hasMoreElements();) {
                ZipEntry z = e.nextElement();
                byte[] content;
                try (InputStream s = in.getInputStream(z)) {
                    content = s.readAllBytes();
                }
                if (z.getName().equals(entry)) {
                    if (change == null) {
                        continue;
                    }
                    change.apply(content);
                }
                zip.putNextEntry(new ZipEntry(z.getName()));
                zip.write(content);
                zip.closeEntry();
            }
            if (add != null) {
                zip.putNextEntry(new ZipEntry(add));
                zip.write("{}".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out;
    }

    private static X509Certificate certificate(String alias) throws Exception {
        Path cer = dir.resolve(alias + ".export.cer");
        keytool("-exportcert", "-alias", alias, "-file", cer.toString());
        try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(cer))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-keystore", keys.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
        if (args[0].equals("-genkeypair")) {
            cmd.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-keypass", PASSWORD));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
