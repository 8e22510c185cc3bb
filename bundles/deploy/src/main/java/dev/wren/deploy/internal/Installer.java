package dev.wren.deploy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentException;
import org.osgi.service.deploymentadmin.DeploymentPackage;

import dev.wren.trust.Signatures;
import dev.wren.trust.Verdict;

/**
 * Checks a downloaded package and hands it to Deployment Admin: the hash the request named, then
 * the manifest, then the trust store's verdict, and only then the install, which Deployment Admin
 * makes all-or-nothing (a failed install is rolled back). What refuses a package says why in the
 * {@link Refused} message; nothing is installed then.
 */
final class Installer {

    /** The package was not installed; the message is the reason reported. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** A deployment package's name and version, from its manifest. */
    record Identity(String name, String version) {
    }

    private final DeploymentAdmin admin;
    private final Signatures signatures;
    private final boolean unsignedAllowed;

    Installer(DeploymentAdmin admin, Signatures signatures, boolean unsignedAllowed) {
        this.admin = admin;
        this.signatures = signatures;
        this.unsignedAllowed = unsignedAllowed;
    }

    /** @return the package's identity once its hash and manifest are right */
    static Identity check(Path file, String sha256) throws Refused, IOException {
        String actual = sha256(file);
        if (!actual.equals(sha256)) {
            throw new Refused("hash mismatch: the request named SHA-256 " + sha256 + ", the download is " + actual);
        }
        Manifest m;
        try (JarFile jar = new JarFile(file.toFile(), false)) {
            m = jar.getManifest();
        } catch (IOException e) {
            throw new Refused("not a deployment package: not a readable jar (" + e.getMessage() + ")");
        }
        String name = m == null ? null : m.getMainAttributes().getValue("DeploymentPackage-SymbolicName");
        String version = m == null ? null : m.getMainAttributes().getValue("DeploymentPackage-Version");
        if (name == null || version == null) {
            throw new Refused("not a deployment package: no DeploymentPackage-SymbolicName and -Version in its manifest");
        }
        return new Identity(name.trim(), version.trim());
    }

    /** Checks the signature, then installs. */
    DeploymentPackage install(Path file) throws Refused, IOException {
        Verdict v = signatures.check(file);
        if (v.status() == Verdict.Status.REFUSED) {
            throw new Refused("signature: " + v.reason());
        }
        if (v.status() == Verdict.Status.UNCHECKED && !unsignedAllowed) {
            throw new Refused("signature: no trust configured (no certificate in the trust store): remote installs"
                    + " need one, or unsigned.allowed=true");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return admin.installDeploymentPackage(in);
        } catch (DeploymentException e) {
            throw new Refused("Deployment Admin refused it (code " + e.getCode() + "): " + e.getMessage());
        }
    }

    boolean installed(String name) {
        return admin.getDeploymentPackage(name) != null;
    }

    /** @return false when no package of that name is installed */
    boolean uninstall(String name) throws Refused {
        DeploymentPackage dp = admin.getDeploymentPackage(name);
        if (dp == null) {
            return false;
        }
        try {
            dp.uninstall();
            return true;
        } catch (DeploymentException e) {
            throw new Refused("Deployment Admin could not uninstall it (code " + e.getCode() + "): " + e.getMessage());
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), d)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
