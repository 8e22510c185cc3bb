package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.itests.process.RawHttp.Answer;

/**
 * The web console against a hostile browser page and a password guesser, on one gateway started with
 * {@code ./wren run}: cross-site requests refused and without effect, same-origin ones working, a
 * partial configuration POST keeping the rest, guessing locked out per source address and logged, and
 * the data directory (secrets included) readable by the gateway's user only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleGuardIT {

    static final Duration START = Duration.ofSeconds(60);
    static final String SAMPLER = "/system/console/configMgr/dev.wren.sampling.Sampler";
    static final String UPLINK = "/system/console/configMgr/dev.wren.uplink.Uplink";
    static final String BUNDLES = "/system/console/bundles";
    static final String ADMIN = "127.0.0.1";
    static final String GUESSER = "127.0.0.2";
    static final String EVIL = "http://evil.example";

    @TempDir
    static Path dir;

    private GatewayProcess gw;
    private RawHttp http;
    private Path data;

    @BeforeAll
    void start() throws Exception {
        data = dir.resolve("data");
        // what an earlier launcher left behind: readable by everyone
        Files.createDirectories(data.resolve("legacy"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(data.resolve("legacy/old-secret"), "k");
        Files.setPosixFilePermissions(data.resolve("legacy/old-secret"), PosixFilePermissions.fromString("rw-r--r--"));
        Path config = shippedConfigWith(dir.resolve("config"),
                "dev.wren.guard.ConsoleGuard.cfg", "lockout.initial.s=5\nlockout.max.s=300\n");
        gw = GatewayProcess.start(data, GatewayProcess.freePort(), null, Map.of("WREN_CONFIG", config.toString()));
        http = new RawHttp(gw.port);
        gw.awaitLine("password in ", START);
        gw.awaitLine("INFO  \\[dev\\.wren\\.guard\\] Web console guard: lockout after 5 failed logins for 5 s", START);
        long deadline = System.nanoTime() + START.toNanos();
        int last = -1;
        while ((last = status(http.get(ADMIN, BUNDLES, admin()))) != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the console answered " + last + ", not 200");
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void crossSiteConfigurationChangesAndInstallsAreRefusedAndChangeNothing() throws Exception {
        String before = value(SAMPLER, "sampling.period.full.ms");
        Path probe = RawHttp.emptyBundle(dir.resolve("probe"), "dev.wren.itests.crosssite.probe");
        for (Map<String, String> foreign : List.of(Map.of("Origin", EVIL), Map.of("Referer", EVIL + "/cats.html"),
                Map.of("Origin", http.origin(), "Referer", EVIL + "/cats.html"))) {
            Answer post = http.postForm(ADMIN, SAMPLER, admin(foreign),
                    "apply=true&action=ajaxConfigManager&propertylist=sampling.period.full.ms&sampling.period.full.ms=4343");
            assertEquals(403, post.status(), foreign + ": " + post.body());
            assertTrue(post.body().startsWith("Refused: ") && post.body().contains("http://evil.example"), post.body());
            assertEquals(before, value(SAMPLER, "sampling.period.full.ms"), foreign.toString());

            Answer install = http.install(ADMIN, admin(foreign), probe);
            assertEquals(403, install.status(), foreign + ": " + install.body());
        }
        Answer getAsPost = http.get(ADMIN, SAMPLER + "?post=true&apply=true&propertylist=sampling.period.full.ms"
                + "&sampling.period.full.ms=4343", admin(Map.of("Referer", EVIL + "/img.html")));
        assertEquals(403, getAsPost.status(), "a GET the console applies as a POST: " + getAsPost.body());
        Answer cookieNoOrigin = http.postForm(ADMIN, SAMPLER, admin(Map.of("Cookie", "felix-webconsole-locale=en")),
                "apply=true&action=ajaxConfigManager&propertylist=sampling.period.full.ms&sampling.period.full.ms=4343");
        assertEquals(403, cookieNoOrigin.status(), "a browser hiding where it comes from: " + cookieNoOrigin.body());

        assertEquals(before, value(SAMPLER, "sampling.period.full.ms"));
        assertFalse(http.get(ADMIN, BUNDLES + ".json", admin()).body().contains("dev.wren.itests.crosssite.probe"));
        gw.awaitLine("WARN  \\[dev\\.wren\\.guard\\] Refused POST " + Pattern.quote(SAMPLER)
                + " from 127\\.0\\.0\\.1: Origin names http://evil\\.example, not this console's origin", START);
        gw.awaitLine("WARN  \\[dev\\.wren\\.guard\\] Refused POST /system/console/bundles from 127\\.0\\.0\\.1: Referer names", START);
    }

    @Test
    void sameOriginChangesAndPlainClientsPass() throws Exception {
        Map<String, String> own = Map.of("Origin", http.origin(), "Referer", http.origin() + SAMPLER);
        Answer post = http.postForm(ADMIN, SAMPLER, admin(own),
                "apply=true&action=ajaxConfigManager&propertylist=sampling.period.full.ms&sampling.period.full.ms=4242");
        assertTrue(post.status() < 400, post.status() + " " + post.body());
        assertEquals("4242", value(SAMPLER, "sampling.period.full.ms"));

        Answer plain = http.postForm(ADMIN, SAMPLER, admin(),
                "apply=true&action=ajaxConfigManager&propertylist=sampling.period.full.ms&sampling.period.full.ms=4141");
        assertTrue(plain.status() < 400, "an HTTP client without Origin, Referer or cookies: " + plain.status());
        assertEquals("4141", value(SAMPLER, "sampling.period.full.ms"));

        Path probe = RawHttp.emptyBundle(dir.resolve("own"), "dev.wren.itests.sameorigin.probe");
        Answer install = http.install(ADMIN, admin(Map.of("Origin", http.origin())), probe);
        assertTrue(install.status() < 400, install.status() + " " + install.body());
        await(START, () -> http.get(ADMIN, BUNDLES + ".json", admin()).body()
                .contains("dev.wren.itests.sameorigin.probe") ? true : null, "the same-origin install");
    }

    @Test
    void aPostNamingSomePropertiesKeepsTheOthers() throws Exception {
        Answer full = http.postForm(ADMIN, SAMPLER, admin(),
                "apply=true&action=ajaxConfigManager&propertylist=sampling.period.full.ms,threads"
                        + "&sampling.period.full.ms=7000&threads=1");
        assertTrue(full.status() < 400, full.body());
        gw.awaitLine("Sampler reconfigured: default periods SamplingPeriods\\[full=7000.*threads 1", START);
        Answer partial = http.postForm(ADMIN, SAMPLER, admin(),
                "apply=true&action=ajaxConfigManager&propertylist=threads&threads=2");
        assertTrue(partial.status() < 400, partial.body());
        assertEquals("2", value(SAMPLER, "threads"));
        assertEquals("7000", value(SAMPLER, "sampling.period.full.ms"), "a property the POST did not name");
        gw.awaitLine("Sampler reconfigured: default periods SamplingPeriods\\[full=7000.*threads 2", START);
    }

    @Test
    void passwordGuessingLocksOutItsSourceOnlyIsLoggedAndEndsWithTheWindow() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(http.get(GUESSER, BUNDLES, Map.of("Authorization", RawHttp.basic("admin", "guess" + i))).status());
            if (i == 3) {
                assertEquals(404, http.get(GUESSER, "/not-the-console",
                        Map.of("Authorization", RawHttp.basic("admin", "elsewhere"))).status(),
                        "no authentication runs outside the console, so this is no success that resets the count");
            }
        }
        assertEquals(List.of(401, 401, 401, 401, 401), statuses.subList(0, 5));
        assertEquals(List.of(429), statuses.subList(5, 20).stream().distinct().toList(), statuses.toString());

        Answer right = http.get(GUESSER, BUNDLES, Map.of("Authorization", RawHttp.basic("admin", gw.password())));
        assertEquals(429, right.status(), "the right password is refused while its source is locked out");
        assertTrue(Integer.parseInt(right.headers().get("retry-after")) >= 1, right.headers().toString());
        assertTrue(right.body().startsWith("Too many failed logins from 127.0.0.2"), right.body());
        assertEquals(200, status(http.get(ADMIN, BUNDLES, admin())), "another source is not locked out");

        gw.awaitLine("INFO  \\[dev\\.wren\\.guard\\] Failed login from 127\\.0\\.0\\.2$", START);
        gw.awaitLine("WARN  \\[dev\\.wren\\.guard\\] 5 failed logins from 127\\.0\\.0\\.2, locked out for 5 s", START);
        assertEquals(1, gw.output().stream().filter(l -> l.contains("failed logins from 127.0.0.2")).count(),
                "one warning for the burst");

        await(START, () -> status(http.get(GUESSER, BUNDLES,
                Map.of("Authorization", RawHttp.basic("admin", gw.password())))) == 200 ? true : null,
                "the right password after the lockout");
        gw.awaitLine("INFO  \\[dev\\.wren\\.guard\\] Login from 127\\.0\\.0\\.2 after 5 failed attempts", START);
        assertEquals(401, http.get(GUESSER, BUNDLES, Map.of("Authorization", RawHttp.basic("admin", "again"))).status(),
                "a success resets the source");
    }

    @Test
    void theDataDirectoryAndItsSecretsAreTheGatewayUsersOnly() throws Exception {
        Answer post = http.postForm(ADMIN, UPLINK, admin(),
                "apply=true&action=ajaxConfigManager&propertylist=password&password=s3cret-uplink");
        assertTrue(post.status() < 400, post.body());
        Path stored = data.resolve("config/dev/wren/uplink/Uplink.config");
        assertTrue(Files.readString(stored).contains("s3cret-uplink"), "the uplink password is in " + stored);
        List<String> open = new ArrayList<>();
        walk(data, open);
        assertEquals(List.of(), open, "readable or writable by others");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("legacy/old-secret"))),
                "a file an earlier start left readable is tightened");
    }

    /** Waits until {@code check} holds, asking again and again; fails naming what did not happen. */
    private static void await(Duration timeout, Check check, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (check.get() == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private interface Check {
        /** @return null while not there yet */
        Object get() throws IOException;
    }

    private static void walk(Path p, List<String> open) throws IOException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (perms.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
            open.add(PosixFilePermissions.toString(perms) + " " + p);
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                ds.forEach(children::add);
            } catch (NoSuchFileException e) {
                return;
            }
            for (Path c : children) {
                walk(c, open);
            }
        }
    }

    private Map<String, String> admin() throws IOException {
        return admin(Map.of());
    }

    private Map<String, String> admin(Map<String, String> more) throws IOException {
        Map<String, String> h = new HashMap<>(more);
        h.put("Authorization", RawHttp.basic("admin", gw.password()));
        return h;
    }

    private static int status(Answer a) {
        return a.status();
    }

    /** @return a property's stored value as the console's configuration JSON shows it */
    private String value(String configPath, String property) throws IOException {
        Answer a = http.get(ADMIN, configPath + ".json", admin());
        assertEquals(200, a.status(), a.body());
        Matcher m = Pattern.compile("\"" + Pattern.quote(property) + "\":\\{[^}]*?\"value\":\"?([^\",}]*)").matcher(a.body());
        if (!m.find()) {
            throw new AssertionError(property + " not in " + a.body());
        }
        return m.group(1);
    }

    private static Path shippedConfigWith(Path target, String file, String content) throws IOException {
        Files.createDirectories(target);
        Path shipped = Path.of(System.getProperty("wren.home", ".")).resolve("config");
        try (Stream<Path> all = Files.list(shipped)) {
            for (Path f : all.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        Files.writeString(target.resolve(file), content);
        return target;
    }
}
