package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.deploy.testing.PackageServer;
import dev.wren.uplink.testing.Mosquitto;

/**
 * The remote deployment agent of a running gateway, driven as a fleet operator would: requests over
 * a real mosquitto, packages from an HTTP server, the signed model packages the build made, and
 * the gateway killed with SIGKILL in the middle of a download and of an install.
 */
class DeployIT {

    static final Duration START = Duration.ofSeconds(60);
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String GATEWAY = "gw-deploy";
    static final String TRIGGER = "vibration-trigger-int8-1.0.0";
    static final String CLASSIFIER = "vibration-classifier-int8-1.0.0";

    @TempDir
    Path dir;

    @Test
    void installsASignedModelPackageOnRequestAndRefusesBadInputWithItsReason() throws Exception {
        byte[] good = modelPackage(TRIGGER);
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).start();
                PackageServer files = new PackageServer();
                GatewayProcess gw = start(broker, dir.resolve("data"));
                Requester op = new Requester(broker, GATEWAY)) {
            String list = op.answer(op.send("{\"verb\":\"list\"}"), WAIT);
            assertTrue(list.contains("\"ok\":true") && list.contains("\"packages\":[]")
                    && list.contains("\"name\":\"dev.wren.deploy\""), list);

            refused(op, "{\"verb\":\"list\"", "malformed request");
            refused(op, "[1,2]", "malformed request: a JSON object is expected");
            refused(op, "{\"verb\":\"format\"}", "verb: unknown verb 'format'");
            refused(op, download("j0", "file:///etc/passwd", sha256(good)), "url: only http and https URLs are fetched");
            refused(op, "{\"verb\":\"download\",\"url\":\"" + files.put("a.dp", good) + "\"}", "sha256: missing");
            refused(op, "{\"verb\":\"install\",\"color\":\"red\"}", "color: not a field of install");
            refused(op, "{\"verb\":\"uninstall\",\"name\":\"dev.wren.none\"}", "no deployment package 'dev.wren.none'");

            byte[] big = new byte[2 << 20];
            failed(op, download("j1", files.put("big.dp", big), sha256(big)), "j1",
                    "the package is 2.1 MB, more than the 1.0 MB allowed");
            failed(op, download("j2", files.put("good.dp", good), sha256(big)), "j2", "hash mismatch");
            byte[] unsigned = rewrite(good, false);
            failed(op, download("j3", files.put("unsigned.dp", unsigned), sha256(unsigned)), "j3", "signature: unsigned");
            byte[] altered = rewrite(good, true);
            failed(op, download("j4", files.put("altered.dp", altered), sha256(altered)), "j4", "signature: altered");

            files.slow(256, 200);
            String slow = op.send(download("j5", files.put("slow.dp", good), sha256(good)));
            assertTrue(op.answer(slow, WAIT).contains("\"ok\":true"));
            op.notification("j5", "\"percent\"", WAIT);
            refused(op, download("j6", files.put("good.dp", good), sha256(good)), "busy: job j5 is DOWNLOADING");
            assertTrue(op.answer(op.send("{\"verb\":\"cancel\",\"job\":\"j5\"}"), WAIT).contains("\"ok\":true"));
            op.notification("j5", "\"CANCELLED\"", WAIT);
            files.slow(64 * 1024, 0);

            String after = op.answer(op.send("{\"verb\":\"list\"}"), WAIT);
            assertTrue(after.contains("\"packages\":[]"), "a refused package was installed: " + after);

            long t0 = System.nanoTime();
            String ok = op.send(download("j7", files.put("good.dp", good), sha256(good)));
            assertTrue(op.answer(ok, WAIT).contains("\"ok\":true"));
            String done = op.notification("j7", "\"COMPLETED\"", WAIT);
            assertTrue(done.contains("\"name\":\"dev.wren.model." + TRIGGER + "\""), done);
            gw.awaitLine("Model vibration-trigger-int8: 1\\.0\\.0 installed, serving.*", WAIT);
            System.out.printf("remote install: request to serving %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            String installed = op.answer(op.send("{\"verb\":\"list\"}"), WAIT);
            assertTrue(installed.contains("{\"name\":\"dev.wren.model." + TRIGGER + "\""), installed);

            String un = op.send("{\"verb\":\"uninstall\",\"name\":\"dev.wren.model." + TRIGGER + "\"}");
            String job = op.answer(un, WAIT).replaceAll(".*\"job\":\"([^\"]+)\".*", "$1");
            op.notification(job, "\"COMPLETED\"", WAIT);
            assertTrue(op.answer(op.send("{\"verb\":\"list\"}"), WAIT).contains("\"packages\":[]"));
            int lines = gw.output().size();
            op.send(download("j8", files.put("good.dp", good), sha256(good)));
            op.notification("j8", "\"COMPLETED\"", WAIT);
            Operator.await(WAIT, () -> gw.output().subList(lines, gw.output().size()).stream()
                    .anyMatch(l -> l.contains("Model vibration-trigger-int8: 1.0.0 installed, serving")) ? true : null,
                    "the same package installed again at once after its uninstall serves again");
            assertEquals(0, gw.output().stream().filter(l -> l.contains(" ERROR ")).count(),
                    "errors in the log: " + StopIT.tail(gw.output()));
        }
    }

    @Test
    void aDownloadCutBySigkillResumesAndAnInstallCutBySigkillEndsWithTheNewPackage() throws Exception {
        byte[] trigger = modelPackage(TRIGGER);
        byte[] classifier = modelPackage(CLASSIFIER);
        Path data = dir.resolve("data");
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).start();
                PackageServer files = new PackageServer();
                Requester op = new Requester(broker, GATEWAY)) {
            files.slow(256, 100);
            try (GatewayProcess gw = start(broker, data)) {
                op.send(download("k1", files.put("t.dp", trigger), sha256(trigger)));
                Operator.await(WAIT, () -> files.sent.get() >= trigger.length / 2 ? true : null, "half the download");
                gw.kill();
            }
            long before = files.sent.get();
            files.slow(64 * 1024, 0);
            try (GatewayProcess gw = start(broker, data)) {
                op.notification("k1", "\"resumed\":true", WAIT);
                op.notification("k1", "\"COMPLETED\"", WAIT);
                long resent = files.sent.get() - trigger.length;
                System.out.printf("download cut at %d of %d bytes by SIGKILL, resumed: %d bytes sent again, %d range"
                        + " request(s)%n", before, trigger.length, resent, files.rangeRequests.get());
                assertTrue(files.rangeRequests.get() >= 1, "the restarted download did not ask for the rest");
                assertTrue(resent < trigger.length / 2, resent + " bytes sent again of " + trigger.length);

                op.send(download("k2", files.put("c.dp", classifier), sha256(classifier)));
                Path job = data.resolve("deploy/job.json");
                awaitInstalling(job);
                gw.kill();
            }
            try (GatewayProcess gw = start(broker, data)) {
                op.notification("k2", "\"COMPLETED\"", WAIT);
                System.out.println("after the SIGKILL at the install phase: " + gw.output().stream()
                        .filter(l -> l.contains("Deployment job k2")).toList());
                String list = op.answer(op.send("{\"verb\":\"list\"}"), WAIT);
                assertTrue(list.contains("{\"name\":\"dev.wren.model." + CLASSIFIER + "\""), list);
                assertEquals(1, list.split("\"name\":\"dev.wren.model." + CLASSIFIER + "\",\"version\":\"1.0.0\",\"state\":\"ACTIVE\"").length - 1,
                        "the classifier bundle is installed once and active: " + list);
            }
        }
    }

    /** Reads the job file as fast as it can until it says INSTALLING (an 8 kB model installs in tens of ms). */
    private static void awaitInstalling(Path job) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.readString(job).contains("\"INSTALLING\"")) {
                    return;
                }
            } catch (java.nio.file.NoSuchFileException e) {
                // not yet written, or being replaced
            }
        }
        throw new AssertionError("the job never reached the install phase: " + Files.readString(job));
    }

    private GatewayProcess start(Mosquitto broker, Path data) throws Exception {
        return gateway(broker, dir.resolve("config"), data);
    }

    /** A gateway on {@code data} whose uplink goes to {@code broker}, with the agent on and the development key trusted. */
    static GatewayProcess gateway(Mosquitto broker, Path config, Path data) throws Exception {
        if (!Files.exists(config)) {
            Operator.config(config, Map.of(
                    "dev.wren.uplink.Uplink.cfg", String.join("\n", "broker.url=" + broker.url(), "gateway.id=" + GATEWAY,
                            "topic.prefix=wren", "backoff.initial.ms=200", "backoff.max.ms=2000", ""),
                    "dev.wren.deploy.DeploymentAgent.cfg", "max.package.mb=1\ndownload.attempts=3\n"));
            Files.createDirectories(config.resolve("trust"));
            Files.writeString(config.resolve("trust/wren-dev.pem"), devCertificate());
        }
        GatewayProcess gw = GatewayProcess.start(data, GatewayProcess.freePort(), null,
                Map.of("WREN_CONFIG", config.toString()));
        gw.awaitLine(".*Deployment agent on: .*trust enforced.*", START);
        gw.awaitLine(".*Uplink: requests to deploy arrive on wren/" + GATEWAY + "/deploy/req/\\+", START);
        return gw;
    }

    private static void refused(Requester op, String json, String reason) throws Exception {
        String a = op.answer(op.send(json), WAIT);
        assertTrue(a.contains("\"ok\":false") && a.contains(reason), "expected a refusal with '" + reason + "': " + a);
    }

    private static void failed(Requester op, String json, String job, String reason) throws Exception {
        op.send(json);
        String n = op.notification(job, "\"FAILED\"", WAIT);
        assertTrue(n.contains(reason), "expected '" + reason + "': " + n);
    }

    static String download(String job, String url, String sha256) {
        return "{\"verb\":\"download\",\"job\":\"" + job + "\",\"url\":\"" + url + "\",\"sha256\":\"" + sha256 + "\"}";
    }

    /** The model package the build made and signed with the development key. */
    static byte[] modelPackage(String model) throws IOException {
        Path target = home().resolve("features/models/" + model + "/target");
        try (Stream<Path> s = Files.list(target)) {
            return Files.readAllBytes(s.filter(p -> p.toString().endsWith(".dp")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .dp in " + target + ": build the features first")));
        }
    }

    /** The package without its signature files, or with one byte of its bundle changed after signing. */
    static byte[] rewrite(byte[] dp, boolean alter) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(dp));
                ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String n = e.getName();
                boolean signature = n.startsWith("META-INF/") && !n.equals("META-INF/MANIFEST.MF");
                if (signature && !alter) {
                    continue;
                }
                byte[] b = in.readAllBytes();
                if (alter && n.endsWith(".jar")) {
                    b[b.length / 2] ^= 1;
                }
                z.putNextEntry(new ZipEntry(n));
                z.write(b);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** The development key's certificate, as the Debian package installs it in /etc/wren/trust. */
    static String devCertificate() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(home().resolve("features/packager/dev-key/wren-dev.p12"))) {
            ks.load(in, "wren-dev-public".toCharArray());
        }
        Certificate c = ks.getCertificate("wren-dev");
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    static Path home() {
        return Path.of(System.getProperty("wren.home", ".")).toAbsolutePath().normalize();
    }
}
