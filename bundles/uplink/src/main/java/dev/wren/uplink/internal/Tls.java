package dev.wren.uplink.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS socket factory of an {@code ssl://} broker, built from PEM files: the CA certificates
 * the broker's certificate must chain to (else the JVM's trust store), and optionally the
 * gateway's certificate (chain) and its unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}: RSA,
 * EC or EdDSA). Every problem is reported naming the property of the file concerned.
 *
 * @param fingerprint SHA-256 of the files' paths and contents: two loads are equal when they read
 *                    the same files with the same contents
 */
record Tls(SSLSocketFactory factory, String fingerprint) {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final char[] NO_PASSWORD = new char[0];

    @Override
    public boolean equals(Object o) {
        return o instanceof Tls t && t.fingerprint.equals(fingerprint);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "TLS " + fingerprint.substring(0, 12);
    }

    /**
     * @param ca   empty = the JVM's trust store
     * @param cert empty = no client certificate (then {@code key} must be empty too)
     * @return the factory, or null when neither a CA nor a client certificate is configured
     * @throws IllegalArgumentException naming the property and the problem
     */
    static Tls load(String ca, String cert, String key) {
        boolean hasCa = !ca.isBlank();
        boolean hasCert = !cert.isBlank();
        if (hasCert != !key.isBlank()) {
            throw new IllegalArgumentException((hasCert ? "tls.client.key.file" : "tls.client.cert.file")
                    + ": a client certificate needs both tls.client.cert.file and tls.client.key.file");
        }
        if (!hasCa && !hasCert) {
            return null;
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        try {
            TrustManager[] trust = null;
            if (hasCa) {
                KeyStore store = emptyStore();
                List<X509Certificate> cas = certificates("tls.ca.file", ca, digest);
                for (int i = 0; i < cas.size(); i++) {
                    store.setCertificateEntry("ca-" + i, cas.get(i));
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                trust = tmf.getTrustManagers();
            }
            KeyManager[] keys = null;
            if (hasCert) {
                List<X509Certificate> chain = certificates("tls.client.cert.file", cert, digest);
                PrivateKey pk = privateKey(key, digest);
                KeyStore store = emptyStore();
                try {
                    fits(pk, chain.get(0).getPublicKey());
                    store.setKeyEntry("client", pk, NO_PASSWORD, chain.toArray(new Certificate[0]));
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("tls.client.key.file: the key does not fit the certificate of "
                            + "tls.client.cert.file (" + e.getMessage() + ")");
                }
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, NO_PASSWORD);
                keys = kmf.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return new Tls(context.getSocketFactory(), HexFormat.of().formatHex(digest.digest()));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("tls: cannot set up TLS: " + e);
        }
    }

    /** @throws GeneralSecurityException unless {@code key} signs what {@code certified} verifies */
    private static void fits(PrivateKey key, PublicKey certified) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        byte[] probe = "wren".getBytes(StandardCharsets.US_ASCII);
        Signature sign = Signature.getInstance(algorithm);
        sign.initSign(key);
        sign.update(probe);
        byte[] signature = sign.sign();
        Signature verify = Signature.getInstance(algorithm);
        verify.initVerify(certified);
        verify.update(probe);
        if (!verify.verify(signature)) {
            throw new GeneralSecurityException("different key pairs");
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static List<X509Certificate> certificates(String property, String file, MessageDigest digest) {
        List<byte[]> ders = blocks(property, file, "CERTIFICATE", digest);
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (byte[] der : ders) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(property + ": not a readable X.509 certificate in " + file
                    + " (" + e.getMessage() + ")");
        }
        return out;
    }

    private static PrivateKey privateKey(String file, MessageDigest digest) {
        String property = "tls.client.key.file";
        List<byte[]> ders = blocks(property, file, "PRIVATE KEY", digest);
        if (ders.size() != 1) {
            throw new IllegalArgumentException(property + ": must hold exactly one key, " + file + " holds " + ders.size());
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(ders.get(0));
        for (String algorithm : new String[] {"RSA", "EC", "EdDSA", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(property + ": not a readable RSA, EC or EdDSA key in " + file);
    }

    /** @return the DER bytes of every {@code type} block of the PEM file, at least one */
    private static List<byte[]> blocks(String property, String file, String type, MessageDigest digest) {
        Path path = Path.of(file.trim());
        String pem;
        try {
            byte[] bytes = Files.readAllBytes(path);
            digest.update(path.toString().getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
            pem = new String(bytes, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException(property + ": cannot read " + path + " (" + describe(e) + ")");
        }
        List<byte[]> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                try {
                    out.add(Base64.getMimeDecoder().decode(m.group(2)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(property + ": bad base64 in " + path);
                }
            } else if (type.equals("PRIVATE KEY") && m.group(1).endsWith("PRIVATE KEY")) {
                throw new IllegalArgumentException(property + ": must be an unencrypted PKCS#8 key (BEGIN PRIVATE KEY), "
                        + path + " holds a " + m.group(1) + " (convert it: openssl pkcs8 -topk8 -nocrypt)");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(property + ": must be a PEM file with a " + type + " block, "
                    + path + " has none");
        }
        return out;
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.toString();
    }
}
