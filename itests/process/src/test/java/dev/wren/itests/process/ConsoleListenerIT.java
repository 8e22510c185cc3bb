package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the web console listens, on gateways started with {@code ./wren run}: a port another process
 * holds stops the start naming the port; the default stays on 127.0.0.1 over HTTP; listening on every
 * address ({@code WREN_HTTP_HOST=0.0.0.0}) is HTTPS with a certificate generated into the data
 * directory, logged with its fingerprint, which a client trusting only that certificate verifies; the
 * guard's origin check and login lockout work on that listener; a web server that did not come up is
 * logged as no console.
 */
class ConsoleListenerIT {

    static final Duration START = Duration.ofSeconds(90);
    static final String BUNDLES = "/system/console/bundles";
    static final String SAMPLER = "/system/console/configMgr/dev.wren.sampling.Sampler";

    @TempDir
    Path dir;

    @Test
    void aPortHeldByAnotherProcessStopsTheStartNamingItAndTheDefaultIsLoopbackHttp() throws Exception {
        int port;
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            port = other.getLocalPort();
            try (GatewayProcess gw = GatewayProcess.start(dir.resolve("data"), port, null)) {
                Integer status = gw.exitStatus(START);
                assertEquals(69, status, "the start stops; output:\n" + String.join("\n", gw.output()));
                gw.awaitLine("ERROR \\[dev\\.wren\\.launcher\\] no web console: port " + port
                        + " on 127\\.0\\.0\\.1 is in use by another process: not starting", START);
                assertFalse(gw.output().stream().anyMatch(l -> l.contains("Web console at")),
                        "nothing says the console is there");
            }
        }
        try (GatewayProcess gw = GatewayProcess.start(dir.resolve("data"), port, null)) {
            gw.awaitLine("INFO  \\[dev\\.wren\\.standalone\\] Web console at http://127\\.0\\.0\\.1:" + port
                    + "/system/console: user 'admin', password in ", START);
            awaitStatus(200, () -> gw.status("GET", BUNDLES, "admin", gw.password(), null));
            assertThrows(ConnectException.class, () -> connect("127.0.0.2", port),
                    "by default only 127.0.0.1 is listened on");
            assertFalse(Files.exists(gw.data.resolve("https")), "no certificate without HTTPS");
            assertFalse(gw.output().stream().anyMatch(l -> l.contains("no web console")), String.join("\n", gw.output()));
        }
    }

    @Test
    void everyAddressMeansHttpsWithAGeneratedCertificateTheLogLineLetsAnOperatorVerify() throws Exception {
        int https = GatewayProcess.freePort();
        int http = GatewayProcess.freePort();
        Path data = dir.resolve("lan");
        try (GatewayProcess gw = GatewayProcess.start(data, http, null,
                Map.of("WREN_HTTP_HOST", "0.0.0.0", "WREN_HTTPS_PORT", Integer.toString(https)))) {
            String line = gw.awaitLine("Web console at .*password in ", START);
            Matcher m = Pattern.compile("Web console at (\\S+) .*\\(certificate (\\S+), SHA-256 fingerprint "
                    + "((?:[0-9A-F]{2}:){31}[0-9A-F]{2})\\): user 'admin', password in ").matcher(line);
            assertTrue(m.find(), line);
            assertTrue(m.group(1).matches("https://[0-9.]+:" + https + "/system/console"), line);
            Path pem = Path.of(m.group(2));
            assertEquals(data.resolve("https/console.crt").toAbsolutePath(), pem);
            Certificate cert = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
            assertEquals(m.group(3), fingerprint(cert.getEncoded()), "the logged fingerprint is the file's");
            for (String f : List.of("https", "https/console.p12", "https/console-keystore-password", "https/console.crt")) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(f)));
                assertTrue(mode.endsWith("------"), f + " is " + mode);
            }

            SSLContext tls = trusting(cert);
            HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
            String origin = "https://127.0.0.1:" + https;
            awaitStatus(200, () -> send(client, "GET", origin + BUNDLES, gw.password(), null, null).statusCode());
            try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", https)) {
                s.startHandshake();
                assertEquals(m.group(3), fingerprint(s.getSession().getPeerCertificates()[0].getEncoded()),
                        "the certificate served is the one logged");
            }
            connect("127.0.0.2", https).close();
            assertThrows(ConnectException.class, () -> connect("127.0.0.1", http), "no plain HTTP listener beside HTTPS");

            String form = "apply=true&action=ajaxConfigManager&propertylist=threads&threads=";
            HttpResponse<String> own = send(client, "POST", origin + SAMPLER, gw.password(), origin, form + "2");
            assertTrue(own.statusCode() < 400, own.statusCode() + " " + own.body());
            HttpResponse<String> plain = send(client, "POST", origin + SAMPLER, gw.password(),
                    "http://127.0.0.1:" + https, form + "3");
            assertEquals(403, plain.statusCode(), "the http origin is another origin than the https console");
            assertTrue(plain.body().contains("not this console's origin " + origin), plain.body());

            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(send(client, "GET", origin + BUNDLES, "guess" + i, null, null).statusCode());
            }
            assertEquals(List.of(401, 401, 401, 401, 401, 429, 429, 429), statuses, "the lockout on the HTTPS listener");
            gw.awaitLine("WARN  \\[dev\\.wren\\.guard\\] 5 failed logins from 127\\.0\\.0\\.1, locked out", START);
        }
        try (GatewayProcess again = GatewayProcess.start(data, http, null,
                Map.of("WREN_HTTP_HOST", "0.0.0.0", "WREN_HTTPS_PORT", Integer.toString(https)))) {
            again.awaitLine("Web console at ", START);
            assertFalse(again.output().stream().anyMatch(l -> l.contains("Generated the web console's certificate")),
                    "the certificate is kept across starts");
        }
    }

    @Test
    void aWebServerThatDidNotComeUpIsAnErrorNotAUrl() throws Exception {
        int port = GatewayProcess.freePort();
        // the web server told to open no listener at all: the gateway runs on, and says there is no console
        try (GatewayProcess gw = GatewayProcess.start(dir.resolve("quiet"), port,
                "-Xmx128m -Dorg.apache.felix.http.enable=false")) {
            gw.awaitLine("ERROR \\[dev\\.wren\\.standalone\\] no web console: the web server is not listening on "
                    + "127\\.0\\.0\\.1 port " + port, START);
            gw.awaitLine("INFO  \\[dev\\.wren\\.standalone\\] No web console \\(see the ERROR above\\): user 'admin', "
                    + "password in ", START);
            assertFalse(gw.output().stream().anyMatch(l -> l.contains("Web console at")), "no URL is claimed");
            assertEquals(-1, gw.status("GET", BUNDLES, "admin", gw.password(), null), "nothing answers");
        }
    }

    private static Socket connect(String host, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), 2000);
        return s;
    }

    private static HttpResponse<String> send(HttpClient client, String method, String url, String password,
                                             String origin, String form) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext trusting(Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static String fingerprint(byte[] der) throws Exception {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    private interface Status {
        int get() throws Exception;
    }

    private static void awaitStatus(int expected, Status status) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = status.get();
            } catch (IOException e) {
                last = -1;
            }
            if (last == expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the console answered " + last + ", not " + expected);
    }
}
