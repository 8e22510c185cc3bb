package dev.wren.trust.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.eclipse.kura.configuration.ConfigurableComponent;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.wren.data.DataDirectory;
import dev.wren.trust.Signatures;
import dev.wren.trust.Verdict;

/**
 * The trust store: the certificates in a directory, re-read when a file in it changes, and the
 * revocations configured here. Certificates are files an operator (or the Debian package) places;
 * revocations are configuration, so a fleet can revoke a key by a configuration push.
 */
@Component(configurationPid = TrustStore.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {Signatures.class, ConfigurableComponent.class}, property = "kura.service.pid=" + TrustStore.PID)
@Designate(ocd = TrustStore.Config.class)
public class TrustStore implements Signatures, ConfigurableComponent {

    public static final String PID = "dev.wren.trust.TrustStore";

    /** The framework property of the standalone runtime's default configuration directory. */
    static final String CONFIG_DEFAULTS = "wren.config.defaults";

    @ObjectClassDefinition(id = PID, name = "Wren trust store",
            description = "Whose deployment packages and model bundles the gateway accepts. With no certificate"
                    + " and no revocation nothing is checked; with one, only what they signed is accepted.")
    public @interface Config {

        @AttributeDefinition(name = "Certificates directory", required = false,
                description = "Directory of trusted X.509 certificates, PEM or DER files named *.pem, *.crt or *.cer;"
                        + " a signer's own certificate or a CA that issued it. Empty = 'trust' in the default"
                        + " configuration directory (/etc/wren/trust from the Debian package), or in the data directory"
                        + " where there is none (Kura).")
        String directory() default "";

        @AttributeDefinition(name = "Revoked fingerprints", required = false, cardinality = 10,
                description = "SHA-256 fingerprints of certificates no longer trusted (hex, colons allowed),"
                        + " whether signer or issuer: what they signed is refused from now on.")
        String[] revoked() default {};
    }

    @Reference(service = LoggerFactory.class)
    private Logger log;

    private BundleContext context;
    private volatile Path directory;
    private volatile List<String> revoked = List.of();
    private volatile Anchors anchors = Anchors.NONE;
    private volatile String stamp = "";

    @Activate
    void activate(BundleContext context, Config config) {
        this.context = context;
        modified(config);
    }

    @Modified
    void modified(Config config) {
        Path dir;
        try {
            dir = config.directory().isBlank() ? defaultDirectory() : Path.of(config.directory().trim());
        } catch (InvalidPathException e) {
            refused("directory: not a file system path (" + e.getReason() + ")");
            return;
        }
        for (String fingerprint : config.revoked()) {
            String n = Anchors.normalize(fingerprint);
            if (!n.isEmpty() && !n.matches("[0-9a-f]{64}")) {
                refused("revoked: '" + fingerprint + "' is not a SHA-256 fingerprint (64 hex digits, colons allowed)");
                return;
            }
        }
        directory = dir;
        revoked = List.of(config.revoked());
        stamp = "";
        anchors();
    }

    /** Keeps the last good configuration: at activation, the default directory and no revocation. */
    private void refused(String why) {
        log.error("Configuration {} refused, keeping the last good one: {}", PID, why);
        if (directory == null) {
            directory = defaultDirectory();
            anchors();
        }
    }

    private Path defaultDirectory() {
        String defaults = context.getProperty(CONFIG_DEFAULTS);
        return defaults != null && !defaults.isBlank() ? Path.of(defaults).resolve("trust")
                : DataDirectory.of(context).resolve("trust");
    }

    /** @return the anchors, read again when the directory or a file in it changed since the last read */
    private synchronized Anchors anchors() {
        Path dir = directory;
        String now = stamp(dir);
        if (!now.equals(stamp)) {
            try {
                anchors = Anchors.read(dir, revoked,
                        (file, why) -> log.error("Trust store: {} ignored, {}", file, why));
            } catch (IOException e) {
                log.error("Trust store: cannot read {} ({}); refusing everything until it can be read", dir, e.getMessage());
                anchors = new Anchors(List.of(), java.util.Set.of(), true);
            }
            stamp = now;
            if (anchors.configured()) {
                log.info("Trust store {}: {} certificate(s) held, {} revoked; signatures are enforced{}", dir,
                        anchors.certificates().size(), anchors.revokedFingerprints().size(),
                        anchors.described().map(d -> "; " + d).reduce("", String::concat));
            } else {
                log.info("Trust store {}: no certificate; signatures are checked and reported, not enforced", dir);
            }
        }
        return anchors;
    }

    private static String stamp(Path dir) {
        StringBuilder s = new StringBuilder();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                s.append(f.getFileName()).append('@').append(Files.getLastModifiedTime(f).toMillis()).append(';');
            }
        } catch (IOException e) {
            return "absent";
        }
        return s.toString();
    }

    @Override
    public Verdict check(Path jar) {
        Anchors a = anchors();
        Verdict v = JarCheck.check(jar, a, Instant.now());
        if (a.configured()) {
            return v;
        }
        return new Verdict(Verdict.Status.UNCHECKED, v.signer(), "no trust configured, accepted unchecked"
                + (v.signer() == null || v.status() == Verdict.Status.REFUSED ? " (" + v.reason() + ")" : ""));
    }

    @Override
    public Verdict check(Bundle bundle) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("wren-trust-", ".jar");
            BundleJar.write(bundle, tmp);
            return check(tmp);
        } catch (IOException e) {
            Verdict refused = new Verdict(Verdict.Status.REFUSED, null, "cannot read the bundle's content: " + e.getMessage());
            return anchors().configured() ? refused : new Verdict(Verdict.Status.UNCHECKED, null, refused.reason());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    log.warn("Trust store: cannot delete {}: {}", tmp, e.getMessage());
                }
            }
        }
    }

    @Override
    public void copy(Bundle bundle, Path jar) throws IOException {
        BundleJar.write(bundle, jar);
    }

    @Override
    public boolean enforced() {
        return anchors().configured();
    }
}
