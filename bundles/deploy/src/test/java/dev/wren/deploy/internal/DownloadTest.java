package dev.wren.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.deploy.testing.PackageServer;

class DownloadTest {

    static final byte[] PACKAGE = new byte[300_000];

    static {
        new Random(7).nextBytes(PACKAGE);
    }

    @TempDir
    Path dir;

    PackageServer server;
    ScheduledExecutorService watchdog;
    final AtomicBoolean cancelled = new AtomicBoolean();

    @BeforeEach
    void start() throws Exception {
        server = new PackageServer();
        watchdog = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stop() {
        server.close();
        watchdog.shutdownNow();
    }

    Download download(int attempts, long maxBytes, Duration readTimeout) {
        return new Download(HttpClient.newHttpClient(), readTimeout, attempts, maxBytes, watchdog, cancelled::get);
    }

    Download download() {
        return download(3, 1 << 20, Duration.ofSeconds(5));
    }

    @Test
    void fetchesTheWholePackage() throws Exception {
        Path part = dir.resolve("a.dp");
        Download.Result r = download().fetch(URI.create(server.put("a.dp", PACKAGE)), part, (h, t) -> { });
        assertArrayEquals(PACKAGE, Files.readAllBytes(part));
        assertEquals(new Download.Result(PACKAGE.length, 0, 1), r);
    }

    @Test
    void aPartialFileIsCompletedWithARangeRequestAndNothingIsSentTwice() throws Exception {
        Path part = dir.resolve("a.dp");
        Files.write(part, Arrays.copyOf(PACKAGE, 123_456));
        Download.Result r = download().fetch(URI.create(server.put("a.dp", PACKAGE)), part, (h, t) -> { });
        assertArrayEquals(PACKAGE, Files.readAllBytes(part));
        assertEquals(0, r.resent());
        assertEquals(PACKAGE.length - 123_456, server.sent.get());
        assertEquals(1, server.rangeRequests.get());
    }

    @Test
    void aConnectionCutInTheMiddleIsResumedWhereItStopped() throws Exception {
        server.cutOnceAt(150_000);
        server.slow(10_000, 0);
        Path part = dir.resolve("a.dp");
        Download.Result r = download().fetch(URI.create(server.put("a.dp", PACKAGE)), part, (h, t) -> { });
        assertArrayEquals(PACKAGE, Files.readAllBytes(part));
        assertEquals(2, r.requests());
        assertEquals(0, r.resent());
        assertEquals(PACKAGE.length, server.sent.get(), "bytes sent in all");
    }

    @Test
    void aServerThatIgnoresRangesSendsTheWholeAgainAndThatIsCounted() throws Exception {
        server.ignoreRanges();
        Path part = dir.resolve("a.dp");
        Files.write(part, Arrays.copyOf(PACKAGE, 100_000));
        Download.Result r = download().fetch(URI.create(server.put("a.dp", PACKAGE)), part, (h, t) -> { });
        assertArrayEquals(PACKAGE, Files.readAllBytes(part));
        assertEquals(100_000, r.resent());
    }

    @Test
    void aPackageLargerThanTheFreeDiskIsRefusedBeforeAByteIsWritten() throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        server.announce(free);
        Path part = dir.resolve("a.dp");
        Download.Refused e = assertThrows(Download.Refused.class, () -> download(3, Long.MAX_VALUE, Duration.ofSeconds(5))
                .fetch(URI.create(server.put("a.dp", PACKAGE)), part, (h, t) -> { }));
        assertTrue(e.getMessage().startsWith("not enough disk: the package is "), e.getMessage());
        assertTrue(e.getMessage().contains("MB free in " + dir), e.getMessage());
        assertTrue(!Files.exists(part) || Files.size(part) == 0);
        assertEquals(1, server.requests.get(), "refused without trying again");
    }

    @Test
    void aPackageLargerThanAllowedIsRefused() throws Exception {
        Download.Refused e = assertThrows(Download.Refused.class, () -> download(3, 200_000, Duration.ofSeconds(5))
                .fetch(URI.create(server.put("a.dp", PACKAGE)), dir.resolve("a.dp"), (h, t) -> { }));
        assertEquals("the package is 0.3 MB, more than the 0.2 MB allowed", e.getMessage());
    }

    @Test
    void aMissingPackageIsRefusedAtOnce() throws Exception {
        String url = server.put("a.dp", PACKAGE).replace("a.dp", "b.dp");
        Download.Refused e = assertThrows(Download.Refused.class, () -> download().fetch(URI.create(url),
                dir.resolve("b.dp"), (h, t) -> { }));
        assertEquals("HTTP 404 from 127.0.0.1", e.getMessage());
        assertEquals(1, server.requests.get());
    }

    @Test
    void aStalledConnectionIsCutAfterTheReadTimeoutAndTriedAgain() throws Exception {
        server.slow(100_000, 4_000);
        Path part = dir.resolve("a.dp");
        Download.Refused e = assertThrows(Download.Refused.class, () -> download(2, 1 << 20, Duration.ofSeconds(1))
                .fetch(URI.create(server.put("a.dp", PACKAGE)), part, (h, t) -> { }));
        assertTrue(e.getMessage().startsWith("download failed after 2 attempts: "), e.getMessage());
        assertEquals(200_000, Files.size(part), "what arrived is kept for the next attempt");
    }

    @Test
    void aCancelledDownloadStops() throws Exception {
        server.slow(10_000, 100);
        Path part = dir.resolve("a.dp");
        int[] calls = {0};
        assertThrows(InterruptedException.class, () -> download().fetch(URI.create(server.put("a.dp", PACKAGE)), part,
                (h, t) -> {
                    if (++calls[0] == 3) {
                        cancelled.set(true);
                    }
                }));
        assertTrue(Files.size(part) < PACKAGE.length);
    }
}
