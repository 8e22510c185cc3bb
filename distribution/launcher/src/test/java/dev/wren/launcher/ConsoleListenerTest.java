package dev.wren.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's listener settled with real sockets and the JDK's real keytool. */
class ConsoleListenerTest {

    @TempDir
    Path dir;

    @Test
    void loopbackIsPlainHttpByDefaultOnTheGivenPort() throws Exception {
        int port = freePort();
        ConsoleListener.Plan plan = ConsoleListener.settle(Map.of(ConsoleListener.HTTP_PORT, "" + port)::get, dir);
        assertFalse(plan.https());
        assertEquals("http://127.0.0.1:" + port + "/system/console", plan.properties().get(ConsoleListener.URLS));
        assertNull(plan.certificate());
        assertFalse(Files.exists(dir.resolve("https")), "no certificate without HTTPS");
    }

    @Test
    void aPortInUseIsRefusedNamingPortAndHost() throws Exception {
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            ConsoleListener.Refused e = assertThrows(ConsoleListener.Refused.class, () -> ConsoleListener.settle(
                    Map.of(ConsoleListener.HTTP_PORT, "" + held.getLocalPort())::get, dir));
            assertTrue(e.getMessage().startsWith("no web console: port " + held.getLocalPort()
                    + " on 127.0.0.1 is in use by another process"), e.getMessage());
        }
    }

    @Test
    void aHostThatIsNotOursIsRefused() {
        // TEST-NET-1 (RFC 5737): never an address of this machine
        ConsoleListener.Refused e = assertThrows(ConsoleListener.Refused.class, () -> ConsoleListener.settle(
                Map.of(ConsoleListener.HOST, "192.0.2.1", ConsoleListener.HTTPS_PORT, "" + freePort())::get, dir));
        assertTrue(e.getMessage().contains("192.0.2.1 is not an address of this machine"), e.getMessage());
    }

    @Test
    void httpsGeneratesAnOwnerOnlyCertificateOnceAndPublishesItsFingerprint() throws Exception {
        int port = freePort();
        Map<String, String> p = new HashMap<>(Map.of(ConsoleListener.HTTPS, "on", ConsoleListener.HTTPS_PORT, "" + port));
        ConsoleListener.Plan first = ConsoleListener.settle(p::get, dir);
        assertTrue(first.https() && first.generated());
        assertEquals("https://127.0.0.1:" + port + "/system/console", first.urls().get(0));
        Map<String, String> jetty = first.properties();
        assertEquals("true", jetty.get("org.apache.felix.https.enable"));
        assertEquals("false", jetty.get("org.apache.felix.http.enable"), "no plain HTTP listener beside HTTPS");
        assertEquals("" + port, jetty.get("org.osgi.service.http.port.secure"));
        assertEquals("PKCS12", jetty.get("org.apache.felix.https.keystore.type"));
        for (String f : new String[] {"console.p12", "console-keystore-password", "console.crt"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("https").resolve(f))), f);
        }
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Files.readAllBytes(first.certificate())));
        assertEquals(ConsoleListener.fingerprint(cert.getEncoded()), first.fingerprint());
        assertTrue(first.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), first.fingerprint());
        assertTrue(cert.getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("127.0.0.1")));

        ConsoleListener.Plan second = ConsoleListener.settle(p::get, dir);
        assertFalse(second.generated(), "kept across starts");
        assertEquals(first.fingerprint(), second.fingerprint());

        p.put(ConsoleListener.KEYSTORE, dir.resolve("https/console.p12").toString());
        p.put(ConsoleListener.KEYSTORE_PASSWORD_FILE, dir.resolve("elsewhere").toString());
        Files.writeString(dir.resolve("elsewhere"), "not-the-password\n");
        ConsoleListener.Refused e = assertThrows(ConsoleListener.Refused.class, () -> ConsoleListener.settle(p::get, dir));
        assertTrue(e.getMessage().contains("does not open"), e.getMessage());
        Files.copy(dir.resolve("https/console-keystore-password"), dir.resolve("own-password"));
        p.put(ConsoleListener.KEYSTORE_PASSWORD_FILE, dir.resolve("own-password").toString());
        ConsoleListener.Plan own = ConsoleListener.settle(p::get, dir);
        assertEquals(first.fingerprint(), own.fingerprint());
        assertEquals(dir.resolve("https/console.p12").toAbsolutePath(), own.certificate(), "the operator's keystore is named");
    }

    @Test
    void aNonLoopbackHostMeansHttpsUnlessTurnedOff() throws Exception {
        Map<String, String> p = new HashMap<>(Map.of(ConsoleListener.HOST, "0.0.0.0",
                ConsoleListener.HTTPS_PORT, "" + freePort(), ConsoleListener.HTTP_PORT, "" + freePort()));
        assertTrue(ConsoleListener.settle(p::get, dir).https());
        p.put(ConsoleListener.HTTPS, "off");
        assertFalse(ConsoleListener.settle(p::get, dir).https());
        p.put(ConsoleListener.HTTPS, "maybe");
        assertThrows(ConsoleListener.Refused.class, () -> ConsoleListener.settle(p::get, dir));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
