package dev.wren.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.uplink.testing.Certificates;

/** Configuration validation: every refusal names the property and the rule. */
class SettingsTest {

    @TempDir
    Path dir;

    private static final Map<String, Object> GOOD = Map.of("broker.url", "tcp://broker.example:1883", "gateway.id", "gw-7");

    @Test
    void defaultsAreDisabled() {
        Settings s = Configs.settings(Map.of());
        assertFalse(s.enabled());
    }

    @Test
    void defaultsWithABroker() {
        Settings s = Configs.settings(GOOD);
        assertTrue(s.enabled());
        assertEquals("gw-7", s.clientId(), "client id defaults to the gateway id");
        assertEquals("wren/gw-7/air/temperature", s.topics().topic("air/temperature"));
        assertEquals("wren/gw-7/state", s.topics().state());
        assertEquals(100, s.window());
        assertEquals(100, s.batch());
        assertEquals(60, s.keepAliveS());
        assertEquals(1_000, s.backoffInitialMs());
        assertEquals(300_000, s.backoffMaxMs());
        assertEquals(0.3, s.jitter());
        assertTrue(s.verifyHostname());
        assertNull(s.tls());
    }

    @Test
    void refusals() {
        refused("broker.url: must be tcp://host[:port] or ssl://host[:port]", "broker.url", "http://broker.example");
        refused("broker.url: must be tcp://host[:port] or ssl://host[:port]", "broker.url", "ws://broker.example:80");
        refused("broker.url: must be tcp://host[:port] or ssl://host[:port]", "broker.url", "tcp://broker.example/x");
        refused("broker.url: not a URL", "broker.url", "tcp://bro ker");
        refused("gateway.id: required with a broker", "gateway.id", "");
        refused("gateway.id: required with a broker, 1 to 64 of A-Z a-z 0-9 . _ -", "gateway.id", "gw/7");
        refused("client.id: at most 128 characters, no spaces", "client.id", "a b");
        refused("topic.template: must contain {channel} exactly once", "topic.template", "{prefix}/{gateway}");
        refused("topic.template: must not contain the wildcards + or #", "topic.template", "{prefix}/+/{channel}");
        refused("topic.template: must not contain the wildcards + or #", "topic.template", "{prefix}/{channel}/#");
        refused("topic.template: unknown placeholder {site}", "topic.template", "{site}/{channel}");
        refused("topic.template: must not have an empty level", "topic.template", "{prefix}//{channel}");
        refused("topic.prefix: must not start with $", "topic.prefix", "$SYS");
        refused("topic.prefix: must not be empty", "topic.prefix", " ");
        refused("password: MQTT sends a password only with a user name", "password", "secret");
        refused("inflight.window: must be between 1 and 65535, was 0", "inflight.window", 0);
        refused("inflight.window: must be between 1 and 65535, was 65536", "inflight.window", 65_536);
        refused("batch.size: must be between 1 and 10000, was 0", "batch.size", 0);
        refused("keepalive.s: must be between 0 and 65535, was -1", "keepalive.s", -1);
        refused("jitter: must be between 0 and 1, was 2.0", "jitter", 2.0);
        refused("jitter: must be between 0 and 1, was NaN", "jitter", Double.NaN);
        refused("backoff.initial.ms: must be between 10 and 3600000, was 5", "backoff.initial.ms", 5L);
        refused("backoff.max.ms: must be between backoff.initial.ms (1000) and 86400000, was 500", "backoff.max.ms", 500L);
    }

    @Test
    void passwordIsNeverShown() {
        Map<String, Object> c = new HashMap<>(GOOD);
        c.put("username", "gw");
        c.put("password", "s3cr3t-pa55");
        Settings s = Configs.settings(c);
        assertFalse(s.toString().contains("s3cr3t"), s.toString());
        assertFalse(s.describe().contains("s3cr3t"), s.describe());
        assertEquals("s3cr3t-pa55", s.password());
    }

    @Test
    void tlsFilesAreReadAtConfiguration() throws Exception {
        Certificates certs = Certificates.create(dir.resolve("certs"));
        Map<String, Object> c = new HashMap<>(GOOD);
        c.put("broker.url", "ssl://broker.example");
        assertNull(Configs.settings(c).tls(), "no CA: the JVM's trust store");

        c.put("tls.ca.file", certs.ca().toString());
        assertNotNull(Configs.settings(c).tls());
        c.put("tls.client.cert.file", certs.client().toString());
        c.put("tls.client.key.file", certs.clientKey().toString());
        assertNotNull(Configs.settings(c).tls());

        refused(c, "tls.ca.file: cannot read " + dir.resolve("missing.pem") + " (no such file)", "tls.ca.file",
                dir.resolve("missing.pem").toString());
        Path garbage = Files.write(dir.resolve("garbage.pem"), new byte[] {0, 1, 2, (byte) 0xff});
        refused(c, "tls.ca.file: must be a PEM file with a CERTIFICATE block", "tls.ca.file", garbage.toString());
        Path broken = Files.writeString(dir.resolve("broken.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        refused(c, "tls.ca.file: not a readable X.509 certificate", "tls.ca.file", broken.toString());
        refused(c, "tls.client.key.file: must be a PEM file with a PRIVATE KEY block", "tls.client.key.file",
                certs.client().toString());
        Path rsa = Files.writeString(dir.resolve("rsa.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        refused(c, "tls.client.key.file: must be an unencrypted PKCS#8 key (BEGIN PRIVATE KEY)", "tls.client.key.file",
                rsa.toString());
        refused(c, "tls.client.key.file: the key does not fit the certificate", "tls.client.key.file",
                certs.serverKey().toString());
        refused(c, "tls.client.key.file: a client certificate needs both", "tls.client.key.file", "");

        c.put("broker.url", "tcp://broker.example");
        c.put("tls.ca.file", dir.resolve("missing.pem").toString());
        assertNull(Configs.settings(c).tls(), "tcp:// reads no TLS file");
    }

    @Test
    void equalConfigurationsNeedNoReconnection() throws Exception {
        Certificates certs = Certificates.create(dir.resolve("certs"));
        Path ca = Files.copy(certs.ca(), dir.resolve("ca.pem"));
        Map<String, Object> c = new HashMap<>(GOOD);
        c.put("broker.url", "ssl://broker.example");
        c.put("tls.ca.file", ca.toString());
        Settings a = Configs.settings(c);
        assertEquals(a, Configs.settings(c), "same values, same file contents");
        Files.copy(certs.otherCa(), ca, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertFalse(a.equals(Configs.settings(c)), "the CA file changed");
        assertFalse(Configs.settings(GOOD).equals(Configs.settings(Map.of("broker.url", "tcp://broker.example:1883",
                "gateway.id", "gw-7", "jitter", 0.5))));
    }

    private static void refused(String expected, String property, Object value) {
        refused(GOOD, expected, property, value);
    }

    private static void refused(Map<String, Object> base, String expected, String property, Object value) {
        Map<String, Object> c = new HashMap<>(base);
        c.put(property, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Configs.settings(c),
                property + "=" + value);
        assertTrue(e.getMessage().startsWith(expected), "expected '" + expected + "...', was '" + e.getMessage() + "'");
    }
}
