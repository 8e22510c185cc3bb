package dev.wren.inference.internal.spread;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.deploymentadmin.DeploymentPackage;

import dev.wren.inference.Model;
import dev.wren.peer.PeerChannel;
import dev.wren.trust.Signatures;
import dev.wren.trust.Verdict;

/**
 * One model bundle from a peer, checked as one from the cloud would be: fetched in parts over the
 * peer channel into a file, its SHA-256 against the one the peer named (the same for every part),
 * its manifest against the model asked for, the trust store's verdict on its signature, and only
 * then installed through Deployment Admin as a package of that one bundle (named after it, as the
 * build names model packages), so that it survives a restart, Kura's too. The installed bundle must
 * provide the model version asked for, or the package is uninstalled again. The model extender then
 * checks the model itself (checksum, graph, test vectors) and runs its canary before it serves.
 * What refuses it says why in {@link Refused}; nothing stays installed then.
 */
final class SpreadFetch {

    /** What came: the package installed and who signed it. */
    record Fetched(String packageName, long bytes, String signer) {
    }

    private final PeerChannel channel;
    private final DeploymentAdmin admin;
    private final Signatures signatures;
    private final Path dir;
    private final int partBytes;
    private final long maxBytes;
    private final Duration timeout;
    private final boolean unsignedAllowed;

    SpreadFetch(PeerChannel channel, DeploymentAdmin admin, Signatures signatures, Path dir, int partBytes, long maxBytes,
            Duration timeout, boolean unsignedAllowed) {
        this.channel = channel;
        this.admin = admin;
        this.signatures = signatures;
        this.dir = dir;
        this.partBytes = partBytes;
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.unsignedAllowed = unsignedAllowed;
    }

    /**
     * @throws Refused   the peer's bundle failed a check; nothing is installed
     * @throws IOException         the transfer failed (the peer, the channel, the disk); nothing is installed
     */
    Fetched fetch(SpreadPlan.Source source) throws Refused, IOException, InterruptedException {
        Files.createDirectories(dir);
        Path jar = Files.createTempFile(dir, "fetch-", ".jar");
        Path dp = dir.resolve(jar.getFileName() + ".dp");
        try {
            SpreadWire.Part first = download(source, jar);
            String actual = Sha256.of(jar);
            if (!actual.equals(first.sha256())) {
                throw new Refused("hash mismatch: the peer named SHA-256 " + first.sha256() + ", the bytes are "
                        + actual);
            }
            manifest(jar, first);
            Verdict v = signatures.check(jar);
            if (v.status() == Verdict.Status.REFUSED) {
                throw new Refused("signature: " + v.reason());
            }
            if (v.status() == Verdict.Status.UNCHECKED && !unsignedAllowed) {
                throw new Refused("signature: no trust configured (no certificate in the trust store): models"
                        + " from peers need one, or unsigned.allowed=true");
            }
            wrap(jar, dp, first.bundle(), first.bundleVersion());
            DeploymentPackage installed = install(dp);
            provides(installed, first.bundle(), source);
            return new Fetched(installed.getName(), first.size(), v.signer());
        } finally {
            Files.deleteIfExists(jar);
            Files.deleteIfExists(dp);
        }
    }

    private SpreadWire.Part download(SpreadPlan.Source source, Path jar) throws IOException, InterruptedException {
        SpreadWire.Part first = null;
        long offset = 0;
        try (OutputStream out = Files.newOutputStream(jar, StandardOpenOption.TRUNCATE_EXISTING)) {
            do {
                byte[] answer = call(source, new SpreadWire.Request(source.model(), source.version().toString(), offset,
                        partBytes));
                SpreadWire.Part p = SpreadWire.part(answer, offset);
                if (first == null) {
                    if (p.size() > maxBytes) {
                        throw new IOException("the bundle has " + p.size() + " bytes, more than max.mb allows");
                    }
                    first = p;
                } else if (p.size() != first.size() || !p.sha256().equals(first.sha256())
                        || !p.bundle().equals(first.bundle())) {
                    throw new IOException("the peer's bundle changed during the transfer");
                }
                if (p.bytes().length == 0 && offset < p.size()) {
                    throw new IOException("the peer sent an empty part at " + offset + " of " + p.size());
                }
                out.write(p.bytes());
                offset += p.bytes().length;
            } while (offset < first.size());
        } catch (IllegalArgumentException malformed) {
            throw new IOException("malformed answer: " + malformed.getMessage());
        }
        return first;
    }

    private byte[] call(SpreadPlan.Source source, SpreadWire.Request r) throws IOException, InterruptedException {
        try {
            return channel.call(source.member(), SpreadWire.SERVICE, SpreadWire.request(r), timeout)
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer within " + timeout.toSeconds() + " s");
        }
    }

    private static void manifest(Path jar, SpreadWire.Part p) throws Refused {
        Manifest m;
        try (JarFile f = new JarFile(jar.toFile(), false)) {
            m = f.getManifest();
        } catch (IOException e) {
            throw new Refused("not a bundle: not a readable jar (" + e.getMessage() + ")");
        }
        String bsn = m == null ? null : m.getMainAttributes().getValue("Bundle-SymbolicName");
        String version = m == null ? null : m.getMainAttributes().getValue("Bundle-Version");
        if (bsn == null || !bsn.split(";")[0].trim().equals(p.bundle()) || version == null
                || !Version.parseVersion(version.trim()).equals(Version.parseVersion(p.bundleVersion()))) {
            throw new Refused("the manifest names " + bsn + " " + version + ", the peer " + p.bundle() + " "
                    + p.bundleVersion());
        }
    }

    /** A deployment package of the one bundle, named after it. */
    static void wrap(Path jar, Path dp, String bundle, String version) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("DeploymentPackage-SymbolicName", bundle);
        m.getMainAttributes().putValue("DeploymentPackage-Version", version);
        Attributes entry = new Attributes();
        entry.putValue("Bundle-SymbolicName", bundle);
        entry.putValue("Bundle-Version", version);
        String name = bundle + ".jar";
        m.getEntries().put(name, entry);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(dp), m)) {
            out.putNextEntry(new JarEntry(name));
            Files.copy(jar, out);
            out.closeEntry();
        }
    }

    private DeploymentPackage install(Path dp) throws Refused, IOException {
        try (InputStream in = Files.newInputStream(dp)) {
            return admin.installDeploymentPackage(in);
        } catch (DeploymentException e) {
            throw new Refused("Deployment Admin refused it (code " + e.getCode() + "): " + e.getMessage());
        }
    }

    private static void provides(DeploymentPackage installed, String bundle, SpreadPlan.Source source)
            throws Refused {
        Bundle b = installed.getBundle(bundle);
        BundleRevision r = b == null ? null : b.adapt(BundleRevision.class);
        if (r != null) {
            for (BundleCapability c : r.getDeclaredCapabilities(Model.CAPABILITY)) {
                Map<String, Object> a = c.getAttributes();
                if (source.model().equals(a.get("name")) && source.version().equals(a.get("version"))) {
                    return;
                }
            }
        }
        try {
            installed.uninstall();
        } catch (DeploymentException e) {
            throw new Refused(bundle + " does not provide model " + source.model() + " " + source.version()
                    + ", and uninstalling it failed: " + e.getMessage());
        }
        throw new Refused(bundle + " does not provide model " + source.model() + " " + source.version()
                + "; uninstalled again");
    }
}
