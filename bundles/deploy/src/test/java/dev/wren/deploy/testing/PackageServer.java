package dev.wren.deploy.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server of packages on localhost, as a fleet's file server would serve them: answers
 * {@code Range} requests (206), counts the bytes it sends, and can be made slow (a pause after
 * every chunk) so that a download can be interrupted in its middle. For the failures a download
 * meets, it can also drop the connection once at a given offset, ignore ranges (as some servers
 * do), announce a length other than the one it has, or stall.
 */
public final class PackageServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** Bytes of bodies sent. */
    public final AtomicLong sent = new AtomicLong();
    /** Requests served. */
    public final AtomicLong requests = new AtomicLong();
    /** Requests that asked for a range. */
    public final AtomicLong rangeRequests = new AtomicLong();
    private volatile int chunk = 64 * 1024;
    private volatile long pauseMs;
    private volatile long cutAt = -1;
    private volatile boolean ignoreRanges;
    private volatile long announced = -1;

    public PackageServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "package-server");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** @return the URL of {@code bytes}, served as {@code name} */
    public String put(String name, byte[] bytes) {
        files.put("/" + name, bytes);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    /** Sends {@code chunkBytes} at a time with {@code pauseMs} after each. */
    public void slow(int chunkBytes, long pause) {
        this.chunk = chunkBytes;
        this.pauseMs = pause;
    }

    /** The next body sent is cut (the connection closed) once {@code offset} bytes of the file are out. */
    public void cutOnceAt(long offset) {
        this.cutAt = offset;
    }

    /** Answers every request with the whole file (200), as a server without range support does. */
    public void ignoreRanges() {
        this.ignoreRanges = true;
    }

    /** Announces {@code length} as the body's length (200) and sends nothing: a package too large for the disk. */
    public void announce(long length) {
        this.announced = length;
    }

    private void serve(HttpExchange x) throws IOException {
        requests.incrementAndGet();
        byte[] body = files.get(x.getRequestURI().getPath());
        if (body == null) {
            x.sendResponseHeaders(404, -1);
            x.close();
            return;
        }
        if (announced >= 0) {
            x.sendResponseHeaders(200, announced);
            x.close();
            return;
        }
        int from = 0;
        String range = ignoreRanges ? null : x.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches()) {
            rangeRequests.incrementAndGet();
            from = Integer.parseInt(m.group(1));
            if (from >= body.length) {
                x.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                x.sendResponseHeaders(416, -1);
                x.close();
                return;
            }
            x.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            x.sendResponseHeaders(206, body.length - from);
        } else {
            x.sendResponseHeaders(200, body.length);
        }
        try (OutputStream out = x.getResponseBody()) {
            long cut = cutAt;
            cutAt = -1;
            for (int at = from; at < body.length; at += chunk) {
                int n = Math.min(chunk, body.length - at);
                if (cut >= 0 && at + n > cut) {
                    n = (int) Math.max(0, cut - at);
                    out.write(body, at, n);
                    sent.addAndGet(n);
                    throw new IOException("cut");
                }
                out.write(body, at, n);
                out.flush();
                sent.addAndGet(n);
                if (pauseMs > 0) {
                    Thread.sleep(pauseMs);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away (a killed gateway): what was sent is counted
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
