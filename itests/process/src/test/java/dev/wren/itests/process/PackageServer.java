package dev.wren.itests.process;

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
 * every chunk) so that a download can be interrupted in its middle.
 */
final class PackageServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong rangeRequests = new AtomicLong();
    private volatile int chunk = 64 * 1024;
    private volatile long pauseMs;

    PackageServer() throws IOException {
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
    String put(String name, byte[] bytes) {
        files.put("/" + name, bytes);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    /** Sends {@code chunkBytes} at a time with {@code pauseMs} after each. */
    void slow(int chunkBytes, long pause) {
        this.chunk = chunkBytes;
        this.pauseMs = pause;
    }

    private void serve(HttpExchange x) throws IOException {
        requests.incrementAndGet();
        byte[] body = files.get(x.getRequestURI().getPath());
        if (body == null) {
            x.sendResponseHeaders(404, -1);
            x.close();
            return;
        }
        int from = 0;
        String range = x.getRequestHeaders().getFirst("Range");
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
            for (int at = from; at < body.length; at += chunk) {
                int n = Math.min(chunk, body.length - at);
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
