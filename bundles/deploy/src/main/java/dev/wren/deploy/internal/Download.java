package dev.wren.deploy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a package over HTTP(S) into a partial file that survives a dropped connection and a
 * restart: what the file already holds is asked for no more ({@code Range}), a server that
 * ignores the range sends the whole again (counted as resent). Refuses, before fetching, a package
 * larger than allowed or than the disk can take (the download and Deployment Admin's own copy of
 * it). A connection that delivers nothing for the read timeout is cut and tried again.
 */
final class Download {

    /** Told of the bytes held after every chunk; {@code total} is -1 while unknown. */
    interface Progress {
        void bytes(long have, long total);
    }

    /** The download could not be done and trying again will not help; the message says why. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** How it went: bytes in the file, bytes fetched a second time, HTTP requests made. */
    record Result(long bytes, long resent, int requests) {
    }

    /** Free space kept on the download's file system beyond what a package needs, in bytes. */
    static final long RESERVE = 16L << 20;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HttpClient client;
    private final Duration readTimeout;
    private final int attempts;
    private final long maxBytes;
    private final ScheduledExecutorService watchdog;
    private final BooleanSupplier cancelled;

    Download(HttpClient client, Duration readTimeout, int attempts, long maxBytes, ScheduledExecutorService watchdog,
            BooleanSupplier cancelled) {
        this.client = client;
        this.readTimeout = readTimeout;
        this.attempts = attempts;
        this.maxBytes = maxBytes;
        this.watchdog = watchdog;
        this.cancelled = cancelled;
    }

    /**
     * Fetches {@code url} into {@code part}, starting from what it holds.
     *
     * @throws Refused      the server refused it, it is too large, or every attempt failed
     * @throws InterruptedException interrupted, or {@link #cancelled} became true
     */
    Result fetch(URI url, Path part, Progress progress) throws Refused, InterruptedException {
        long[] resent = {0};
        String last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            checkCancelled();
            try {
                once(url, part, Files.exists(part) ? Files.size(part) : 0, resent, progress);
                return new Result(Files.size(part), resent[0], attempt);
            } catch (IOException e) {
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } catch (Retry r) {
                last = r.getMessage();
            }
            if (attempt < attempts) {
                Thread.sleep(Math.min(30_000L, 1_000L << (attempt - 1)));
            }
        }
        throw new Refused("download failed after " + attempts + " attempts: " + last);
    }

    /** A failure worth another attempt. */
    private static final class Retry extends Exception {
        Retry(String message) {
            super(message);
        }
    }

    /** One request for what {@code part} lacks; adds to {@code resent} what the server sends a second time. */
    private void once(URI url, Path part, long had, long[] resent, Progress progress)
            throws IOException, Refused, Retry, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(readTimeout).GET();
        if (had > 0) {
            b.header("Range", "bytes=" + had + "-");
        }
        HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            int status = r.statusCode();
            long start;
            long total;
            if (status == 416 && had > 0) {
                return;
            } else if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(r.headers().firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != had) {
                    throw new Retry("the server answered a range other than the one asked for");
                }
                start = had;
                total = m.group(3).equals("*") ? -1 : Long.parseLong(m.group(3));
            } else if (status == 200) {
                start = 0;
                total = r.headers().firstValueAsLong("Content-Length").orElse(-1);
                resent[0] += had;
            } else if (status >= 500 || status == 408 || status == 429) {
                throw new Retry("HTTP " + status + " from " + url.getHost());
            } else {
                throw new Refused("HTTP " + status + " from " + url.getHost());
            }
            checkSize(part, start, total);
            copy(in, part, start, total, progress);
        }
    }

    private void checkSize(Path part, long start, long total) throws IOException, Refused {
        if (total < 0) {
            return;
        }
        if (total > maxBytes) {
            throw new Refused(String.format(Locale.ROOT, "the package is %.1f MB, more than the %.1f MB allowed",
                    total / 1e6, maxBytes / 1e6));
        }
        long need = (total - start) + total + RESERVE;
        long free = Files.getFileStore(part.getParent()).getUsableSpace();
        if (need > free) {
            throw new Refused(String.format(Locale.ROOT, "not enough disk: the package is %.1f MB and needs %.1f MB free"
                    + " (download, install copy and %d MB reserve), %.1f MB free in %s", total / 1e6, need / 1e6,
                    RESERVE >> 20, free / 1e6, part.getParent()));
        }
    }

    private void copy(InputStream in, Path part, long start, long total, Progress progress)
            throws IOException, Refused, InterruptedException {
        long[] lastRead = {System.nanoTime()};
        ScheduledFuture<?> dog = watchdog.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - lastRead[0] > readTimeout.toNanos() || cancelled.getAsBoolean()) {
                try {
                    in.close();
                } catch (IOException e) {
                    // the reader fails on its own
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.truncate(start);
            out.position(start);
            byte[] buf = new byte[64 * 1024];
            long have = start;
            int n;
            while ((n = in.read(buf)) >= 0) {
                lastRead[0] = System.nanoTime();
                checkCancelled();
                have += n;
                if (have > maxBytes || (total >= 0 && have > total)) {
                    throw new Refused("the server sent more than " + (total >= 0 ? total + " bytes announced" : maxBytes
                            + " bytes allowed"));
                }
                out.write(ByteBuffer.wrap(buf, 0, n));
                progress.bytes(have, total);
            }
            checkCancelled();
            if (total >= 0 && have < total) {
                throw new IOException("connection closed at " + have + " of " + total + " bytes");
            }
            out.force(true);
        } finally {
            dog.cancel(false);
        }
    }

    private void checkCancelled() throws InterruptedException {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("cancelled");
        }
    }
}
