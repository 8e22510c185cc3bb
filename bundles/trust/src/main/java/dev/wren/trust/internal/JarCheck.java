package dev.wren.trust.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

import dev.wren.trust.Verdict;

/**
 * The verdict on one jar file against a set of {@link Anchors}, whatever is enforced: the JDK's
 * {@link JarFile} checks every entry against its signed digest while it is read, this class checks
 * that every entry is signed, by one signer, and judges that signer's certificates.
 */
final class JarCheck {

    /** The signature's own files: the manifest and META-INF/*.SF, .RSA, .DSA, .EC, SIG-*. */
    private static final Pattern SIGNATURE_FILE = Pattern.compile(
            "META-INF/(MANIFEST\\.MF|[^/]+\\.(SF|RSA|DSA|EC)|SIG-[^/]+)", Pattern.CASE_INSENSITIVE);

    private JarCheck() {
    }

    /** @return {@link Verdict.Status#TRUSTED} or {@link Verdict.Status#REFUSED}, never unchecked */
    static Verdict check(Path file, Anchors anchors, Instant now) {
        List<CodeSigner[]> signed = new ArrayList<>();
        List<String> unsigned = new ArrayList<>();
        try (JarFile jar = new JarFile(file.toFile(), true)) {
            Manifest manifest = jar.getManifest();
            byte[] buffer = new byte[8192];
            Set<String> present = new HashSet<>();
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                present.add(entry.getName());
                if (entry.isDirectory() || SIGNATURE_FILE.matcher(entry.getName()).matches()) {
                    continue;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        // reading to the end is what makes JarFile compare the entry with its signed digest
                    }
                } catch (SecurityException x) {
                    return refused(null, "altered after signing: " + entry.getName() + " does not match its signed digest");
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    unsigned.add(entry.getName());
                } else {
                    signed.add(signers);
                }
            }
            if (signed.isEmpty()) {
                return refused(null, "unsigned: no entry carries a signature");
            }
            if (manifest != null) {
                for (String name : manifest.getEntries().keySet()) {
                    if (!present.contains(name)) {
                        return refused(null, "altered after signing: " + name + " was signed and is missing");
                    }
                }
            }
        } catch (SecurityException e) {
            return refused(null, "altered after signing: " + e.getMessage());
        } catch (IOException e) {
            return refused(null, "not a readable jar: " + e.getMessage());
        }
        Set<CodeSigner> common = new LinkedHashSet<>(List.of(signed.get(0)));
        signed.forEach(s -> common.retainAll(List.of(s)));
        if (!unsigned.isEmpty()) {
            return refused(describe(common), "not signed: " + unsigned.size() + " entr" + (unsigned.size() == 1 ? "y" : "ies")
                    + " added or left unsigned, first " + unsigned.get(0));
        }
        if (common.isEmpty()) {
            return refused(null, "signed by different keys: no one signer signed every entry");
        }
        Verdict last = null;
        for (CodeSigner signer : common) {
            last = judge(signer, anchors, now);
            if (last.status() == Verdict.Status.TRUSTED) {
                return last;
            }
        }
        return last;
    }

    private static Verdict judge(CodeSigner signer, Anchors anchors, Instant now) {
        CertPath path = signer.getSignerCertPath();
        List<X509Certificate> chain = new ArrayList<>();
        path.getCertificates().forEach(c -> chain.add((X509Certificate) c));
        X509Certificate leaf = chain.get(0);
        String who = Anchors.describe(leaf);
        for (X509Certificate c : chain) {
            if (anchors.revoked(c)) {
                return refused(who, "revoked: " + Anchors.describe(c) + " is on the revocation list");
            }
        }
        Date at = signer.getTimestamp() != null ? signer.getTimestamp().getTimestamp() : Date.from(now);
        try {
            leaf.checkValidity(at);
        } catch (CertificateExpiredException e) {
            return refused(who, "expired: the signing certificate was valid until " + leaf.getNotAfter().toInstant()
                    + ", signature checked at " + at.toInstant());
        } catch (CertificateNotYetValidException e) {
            return refused(who, "not yet valid: the signing certificate is valid from " + leaf.getNotBefore().toInstant());
        }
        if (anchors.holds(leaf)) {
            return new Verdict(Verdict.Status.TRUSTED, who, null);
        }
        Set<TrustAnchor> roots = new HashSet<>();
        anchors.certificates().forEach(c -> roots.add(new TrustAnchor(c, null)));
        if (!roots.isEmpty()) {
            try {
                PKIXParameters params = new PKIXParameters(roots);
                params.setRevocationEnabled(false);
                params.setDate(at);
                CertPathValidator.getInstance("PKIX").validate(withoutAnchors(path, anchors), params);
                return new Verdict(Verdict.Status.TRUSTED, who, null);
            } catch (GeneralSecurityException e) {
                // not issued by a held certificate: untrusted, said below
            }
        }
        return refused(who, "untrusted: signed by " + who + ", which the trust store neither holds nor chains to");
    }

    private static CertPath withoutAnchors(CertPath path, Anchors anchors) throws GeneralSecurityException {
        List<X509Certificate> kept = new ArrayList<>();
        for (var c : path.getCertificates()) {
            if (!anchors.holds((X509Certificate) c)) {
                kept.add((X509Certificate) c);
            }
        }
        return java.security.cert.CertificateFactory.getInstance("X.509").generateCertPath(kept);
    }

    private static String describe(Set<CodeSigner> signers) {
        return signers.isEmpty() ? null
                : Anchors.describe((X509Certificate) signers.iterator().next().getSignerCertPath().getCertificates().get(0));
    }

    private static Verdict refused(String signer, String reason) {
        return new Verdict(Verdict.Status.REFUSED, signer, reason);
    }
}
