package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Site-wide model distribution between two real gateways, over the peer channel only (neither has an
 * uplink): model bundles installed on {@code gw-a} (no trust configured) reach {@code gw-b} (the
 * development key trusted), which wants them by name and version range. A signed model is fetched,
 * checked and serves on {@code gw-b}; a signed new version of a serving model is fetched and runs
 * {@code gw-b}'s own canary, which rolls it back; an unsigned copy that {@code gw-a} accepted is
 * refused by {@code gw-b} with the reason, and nothing of it is installed there.
 */
class ModelSpreadIT {

    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aSignedModelSpreadsAnUnsignedOneIsRefusedAndEachReceiverRunsItsOwnCanary() throws Exception {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        String key = Base64.getEncoder().encodeToString(k);
        int[] ports = {GatewayProcess.freePort(), GatewayProcess.freePort()};
        SiteConfig a = new SiteConfig(dir.resolve("config-a")).gossip("gw-a", key, ports[0], "");
        SiteConfig b = new SiteConfig(dir.resolve("config-b")).gossip("gw-b", key, ports[1], "127.0.0.1:" + ports[0])
                .set("dev.wren.inference.Models.cfg", "canary.windows", "10")
                .write("dev.wren.inference.ModelSpread.cfg", "wanted=vibration-trigger-int8, vibration-trigger@[1.0,2.0),"
                        + " vibration-classifier-int8", "interval.s=2");
        Files.createDirectories(b.dir().resolve("trust"));
        Files.writeString(b.dir().resolve("trust/wren-dev.pem"), DeployIT.devCertificate());
        try (GatewayProcess gwA = GatewayProcess.start(dir.resolve("data-a"), GatewayProcess.freePort(), null,
                        Map.of("WREN_CONFIG", a.dir().toString()));
                GatewayProcess gwB = GatewayProcess.start(dir.resolve("data-b"), GatewayProcess.freePort(), null,
                        Map.of("WREN_CONFIG", b.dir().toString()))) {
            gwB.awaitLine("Peer gw-a at .*: joined", WAIT);
            gwB.awaitLine("Peer channel on TCP", WAIT);

            assertTrue(new Operator(gwA).install(modelBundle("vibration-trigger-int8")) < 400);
            gwB.awaitLine(Pattern.quote("Model spread: vibration-trigger-int8 1.0.0 from gw-a installed as package "
                    + "dev.wren.model.vibration-trigger-int8-1.0.0") + ".*signed by CN=.*", WAIT);
            gwB.awaitLine("Model vibration-trigger-int8: 1.0.0 installed, serving", WAIT);

            assertTrue(new Operator(gwA).install(unsigned(modelBundle("vibration-classifier-int8"))) < 400);
            gwA.awaitLine("Model vibration-classifier-int8: 1.0.0 installed, serving", WAIT);
            gwB.awaitLine(Pattern.quote("Model spread: vibration-classifier-int8 1.0.0 from gw-a refused: signature: ")
                    + ".*the installed models stay", WAIT);

            assertTrue(new Operator(gwA).install(modelBundle("vibration-trigger-muted")) < 400);
            gwB.awaitLine(Pattern.quote("Model spread: vibration-trigger 1.1.0 from gw-a installed"), WAIT);
            gwB.awaitLine("Model vibration-trigger: 1.1.0 installed, on trial as canary beside 1.0.0", WAIT);
            gwB.awaitLine("Model vibration-trigger: 1.1.0 rolled back: .*", WAIT);

            List<String> out = gwB.output();
            out.stream().filter(l -> l.contains("Model spread:") || l.contains("Model vibration")).forEach(System.out::println);
            assertTrue(out.stream().noneMatch(l -> l.contains("Model vibration-classifier-int8:")),
                    "nothing of the refused model was installed on gw-b: " + String.join("\n", out));
            assertTrue(out.stream().noneMatch(l -> l.contains("ERROR")), String.join("\n", out));
        }
    }

    /** The model bundle the build made and signed with the development key. */
    static Path modelBundle(String model) throws Exception {
        Path target = DeployIT.home().resolve("bundles/models/" + model + "/target");
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> p.getFileName().toString().matches("dev\\.wren\\.model\\..*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no model bundle in " + target + ": build first"));
        }
    }

    /** A copy of the bundle without its signature files, under another file name. */
    private Path unsigned(Path jar) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar)); ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String n = e.getName();
                if (n.startsWith("META-INF/") && (n.endsWith(".SF") || n.endsWith(".EC") || n.endsWith(".RSA"))) {
                    continue;
                }
                z.putNextEntry(new ZipEntry(n));
                z.write(in.readAllBytes());
                z.closeEntry();
            }
        }
        Path copy = dir.resolve("unsigned-" + jar.getFileName());
        Files.write(copy, out.toByteArray());
        return copy;
    }
}
