package dev.wren.trust.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the trust store holds: the certificates read from its directory (PEM or DER files named
 * *.pem, *.crt or *.cer, each with one or more certificates) and the SHA-256 fingerprints revoked.
 * A revoked certificate is never held, even when its file is still in the directory.
 */
record Anchors(List<X509Certificate> certificates, Set<String> revokedFingerprints, boolean configured) {

    static final Anchors NONE = new Anchors(List.of(), Set.of(), false);

    /**
     * @param unreadable told of each file in the directory that holds no certificate, with the reason
     * @return the directory's certificates less the revoked; none for a directory that does not exist.
     *         Configured (so enforced) as soon as a certificate file or a revocation is there, even when
     *         every certificate is revoked or unreadable: revoking the only key must not turn checks off.
     */
    static Anchors read(Path dir, List<String> revoked, BiConsumer<Path, String> unreadable) throws IOException {
        Set<String> gone = revoked.stream().map(Anchors::normalize).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        List<X509Certificate> held = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.{pem,crt,cer}")) {
                ds.forEach(files::add);
            }
            files.sort(null);
            for (Path f : files) {
                try (InputStream in = Files.newInputStream(f)) {
                    var certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
                    if (certs.isEmpty()) {
                        unreadable.accept(f, "no certificate in it");
                    }
                    for (Certificate c : certs) {
                        if (!gone.contains(fingerprint((X509Certificate) c))) {
                            held.add((X509Certificate) c);
                        }
                    }
                } catch (GeneralSecurityException e) {
                    unreadable.accept(f, e.getMessage());
                }
            }
        }
        return new Anchors(List.copyOf(held), Set.copyOf(gone), !files.isEmpty() || !gone.isEmpty());
    }

    /** @return the fingerprint as lower-case hex without separators; "AB:CD" and "abcd" are one */
    static String normalize(String fingerprint) {
        return fingerprint.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
    }

    static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** @return "subject (SHA-256 fingerprint)" */
    static String describe(X509Certificate c) {
        return c.getSubjectX500Principal().getName() + " (SHA-256 " + fingerprint(c) + ")";
    }

    boolean holds(X509Certificate c) {
        return certificates.contains(c);
    }

    boolean revoked(X509Certificate c) {
        return revokedFingerprints.contains(fingerprint(c));
    }

    Stream<String> described() {
        return certificates.stream().map(c -> describe(c) + ", valid until " + c.getNotAfter().toInstant());
    }
}
