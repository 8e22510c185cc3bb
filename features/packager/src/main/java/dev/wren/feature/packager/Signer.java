package dev.wren.feature.packager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import jdk.security.jarsigner.JarSigner;

/**
 * Signs a jar in place with standard JAR signing (SHA-256 digests, the signature block named
 * {@code WREN}), as the Deployment Admin specification expects of a deployment package and as the
 * gateway's trust store checks model bundles. Run by the model modules and by {@link Packager}:
 *
 * <pre>
 * Signer jar=&lt;file&gt; keystore=&lt;PKCS12 file&gt; alias=&lt;key alias&gt; password=&lt;password|env:NAME&gt;
 * Signer certificate=&lt;out.pem&gt; keystore=... alias=... password=...
 * </pre>
 *
 * The second form writes the key's certificate chain as PEM: what a gateway's trust store holds to
 * accept what this key signs (the Debian package installs it in /etc/wren/trust).
 *
 * The build's default is the development key in {@code features/packager/dev-key}, whose password is
 * public: a gateway that trusts it trusts anyone. docs/deployment.md says how to build with your own.
 */
public final class Signer {

    /** The signature file's base name in META-INF. */
    static final String NAME = "WREN";

    private final PrivateKey key;
    private final CertPath chain;

    private Signer(PrivateKey key, CertPath chain) {
        this.key = key;
        this.chain = chain;
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        Map<String, String> a = Packager.arguments(args);
        if (a.containsKey("certificate")) {
            Path pem = Path.of(a.get("certificate"));
            Files.createDirectories(pem.toAbsolutePath().getParent());
            Files.writeString(pem, of(a).pem());
            System.out.printf("certificate of %s in %s%n", Packager.need(a, "alias"), pem);
            return;
        }
        Path jar = Path.of(Packager.need(a, "jar"));
        of(a).sign(jar);
        System.out.printf("signed %s with %s%n", jar.getFileName(), Packager.need(a, "alias"));
    }

    /** @return the certificate chain, leaf first, as PEM */
    String pem() throws GeneralSecurityException {
        StringBuilder out = new StringBuilder();
        for (Certificate c : chain.getCertificates()) {
            out.append("-----BEGIN CERTIFICATE-----\n")
                    .append(java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                            .encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        return out.toString();
    }

    /** @return the signer named by {@code keystore}, {@code alias} and {@code password} in the arguments */
    static Signer of(Map<String, String> a) throws IOException, GeneralSecurityException {
        char[] password = password(Packager.need(a, "password"));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(Packager.need(a, "keystore")))) {
            ks.load(in, password);
        }
        String alias = Packager.need(a, "alias");
        if (!(ks.getKey(alias, password) instanceof PrivateKey key)) {
            throw new IllegalArgumentException("keystore " + a.get("keystore") + " has no private key " + alias);
        }
        Certificate[] certs = ks.getCertificateChain(alias);
        CertPath chain = CertificateFactory.getInstance("X.509").generateCertPath(Arrays.asList(certs));
        Arrays.fill(password, '\0');
        return new Signer(key, chain);
    }

    private static char[] password(String spec) {
        if (!spec.startsWith("env:")) {
            return spec.toCharArray();
        }
        String value = System.getenv(spec.substring(4));
        if (value == null) {
            throw new IllegalArgumentException("the signing password's variable " + spec.substring(4) + " is not set");
        }
        return value.toCharArray();
    }

    /** Signs {@code jar} in place: written beside it, then moved over it. */
    void sign(Path jar) throws IOException, GeneralSecurityException {
        sign(jar, false);
    }

    /**
     * Signs {@code jar} in place; with {@code signatureLast} the signature files go to the end of the
     * jar instead of right after the manifest. Felix Deployment Admin 0.9.x (the one of Kura 5.4.1 and
     * of the standalone runtime) reads a package as a stream and takes the first entry its manifest
     * does not describe for the end of the bundles ("Expected more bundles in the stream"), so a
     * package signed in the specification's order does not install. At the end, after every bundle and
     * resource, it never reads them; a verifier that reads the jar's directory (the trust store,
     * {@code jarsigner -verify}) finds them wherever they are.
     */
    void sign(Path jar, boolean signatureLast) throws IOException, GeneralSecurityException {
        Path signed = jar.resolveSibling(jar.getFileName() + ".signing");
        JarSigner signer = new JarSigner.Builder(key, chain).digestAlgorithm("SHA-256").signerName(NAME).build();
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(signed)) {
            signer.sign(in, out);
        }
        if (signatureLast) {
            Path reordered = jar.resolveSibling(jar.getFileName() + ".reordered");
            try (ZipFile in = new ZipFile(signed.toFile());
                    ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(reordered))) {
                List<ZipEntry> last = new ArrayList<>();
                for (ZipEntry e : Collections.list(in.entries())) {
                    if (e.getName().startsWith("META-INF/" + NAME + ".")) {
                        last.add(e);
                    } else {
                        copy(in, e, out);
                    }
                }
                for (ZipEntry e : last) {
                    copy(in, e, out);
                }
            }
            Files.move(reordered, signed, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(signed, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copy(ZipFile in, ZipEntry e, ZipOutputStream out) throws IOException {
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(e.getTime());
        out.putNextEntry(copy);
        try (InputStream data = in.getInputStream(e)) {
            data.transferTo(out);
        }
        out.closeEntry();
    }
}
