package dev.wren.uplink.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Test certificates made with the {@code openssl} command line (EC P-256, valid two days), in one
 * directory: a CA; a server certificate it signed for {@code 127.0.0.1} and {@code localhost};
 * one for {@code wrong.example} only (to fail host name verification); a client certificate; and
 * a second, unrelated CA that trusts none of them.
 */
public final class Certificates {

    private final Path dir;

    private Certificates(Path dir) {
        this.dir = dir;
    }

    /** Generates all of them in {@code dir} (about 0.1 s). */
    public static Certificates create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Certificates c = new Certificates(dir);
        c.ca("ca", "Wren test CA");
        c.ca("other-ca", "Unrelated CA");
        c.leaf("server", "localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        c.leaf("wrong-host", "wrong.example", "subjectAltName=DNS:wrong.example\nextendedKeyUsage=serverAuth\n");
        c.leaf("client", "wren-gateway", "extendedKeyUsage=clientAuth\n");
        return c;
    }

    /** @return the CA's certificate (PEM), which signed the others */
    public Path ca() {
        return dir.resolve("ca.pem");
    }

    /** @return a CA that signed none of the others */
    public Path otherCa() {
        return dir.resolve("other-ca.pem");
    }

    /** @return the server certificate for 127.0.0.1 and localhost */
    public Path server() {
        return dir.resolve("server.pem");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** @return a server certificate naming only wrong.example */
    public Path wrongHostServer() {
        return dir.resolve("wrong-host.pem");
    }

    public Path wrongHostServerKey() {
        return dir.resolve("wrong-host.key");
    }

    /** @return the client certificate (CN wren-gateway) */
    public Path client() {
        return dir.resolve("client.pem");
    }

    /** @return the client key, unencrypted PKCS#8 */
    public Path clientKey() {
        return dir.resolve("client.key");
    }

    private void ca(String name, String cn) {
        Commands.run(dir, "openssl", "req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", name + ".key", "-out", name + ".pem", "-days", "2", "-subj", "/CN=" + cn,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private void leaf(String name, String cn, String extensions) {
        try {
            Files.writeString(dir.resolve(name + ".ext"),
                    "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n" + extensions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Commands.run(dir, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn);
        Commands.run(dir, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                "-set_serial", Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)), "-days", "2",
                "-extfile", name + ".ext", "-out", name + ".pem");
    }
}
