package dev.wren.uplink.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.wren.uplink.RequestHandler;

/**
 * The request handlers of the whiteboard and the thread they are called on: the live session
 * subscribes to each one's topic, and every request that arrives is handed to its handler on
 * {@code wren-uplink-requests}, in order, never on Paho's thread (which must keep acknowledging).
 */
public final class Requests implements AutoCloseable {

    static final int QUEUE = 32;
    private static final Pattern APP = Pattern.compile(RequestHandler.APP_PATTERN);
    private static final Pattern ID = Pattern.compile(RequestHandler.ID_PATTERN);

    private final Map<String, RequestHandler> byApp = new ConcurrentHashMap<>();
    private final Consumer<String> info;
    private final Consumer<String> warn;
    private final ThreadPoolExecutor thread;
    private volatile Consumer<String> subscriber;

    /**
     * @param info told, in words, of each subscription the broker granted
     * @param warn told, in words, of a handler or a request that was refused
     */
    public Requests(Consumer<String> info, Consumer<String> warn) {
        this.info = info;
        this.warn = warn;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "wren-uplink-requests");
            t.setDaemon(true);
            return t;
        }, (r, pool) -> warn.accept("a request was dropped: " + QUEUE + " requests wait already"));
    }

    /** Adds a handler for {@code app}; one with an invalid or taken name is refused with a warning. */
    public void add(Object app, RequestHandler handler) {
        if (!(app instanceof String a) || !APP.matcher(a).matches()) {
            warn.accept("request handler " + handler + " ignored: its " + RequestHandler.APP + " '" + app
                    + "' does not match " + RequestHandler.APP_PATTERN);
            return;
        }
        if (byApp.putIfAbsent(a, handler) != null) {
            warn.accept("request handler " + handler + " ignored: " + RequestHandler.APP + " '" + a + "' is taken");
            return;
        }
        Consumer<String> s = subscriber;
        if (s != null) {
            s.accept(a);
        }
    }

    public void remove(RequestHandler handler) {
        byApp.values().remove(handler);
    }

    Set<String> apps() {
        return Set.copyOf(byApp.keySet());
    }

    /** The session that subscribes to the apps added from now on; null when none is connected. */
    void subscriber(Consumer<String> s) {
        subscriber = s;
    }

    /** The broker granted the subscription of {@code app}'s requests. */
    void subscribed(String app, String filter) {
        info.accept("requests to " + app + " arrive on " + filter);
    }

    /** The subscription to {@code filter} failed: requests to it will not arrive. */
    void refused(String filter, String why) {
        warn.accept("requests on " + filter + " will not arrive: " + why);
    }

    /** A message on {@code <app>/req/<id>}: validated, then queued for its handler. */
    void arrived(String app, String id, byte[] payload) {
        RequestHandler h = byApp.get(app);
        if (h == null) {
            return;
        }
        if (!ID.matcher(id).matches()) {
            warn.accept("a request to " + app + " was dropped: its id '" + shorten(id) + "' does not match "
                    + RequestHandler.ID_PATTERN);
            return;
        }
        if (payload.length > RequestHandler.MAX_PAYLOAD) {
            warn.accept("request " + app + "/" + id + " was dropped: " + payload.length + " bytes, more than "
                    + RequestHandler.MAX_PAYLOAD);
            return;
        }
        if (thread.isShutdown()) {
            return;
        }
        thread.execute(() -> {
            try {
                h.request(id, payload);
            } catch (RuntimeException e) {
                warn.accept("request " + app + "/" + id + " failed in its handler: " + e);
            }
        });
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    @Override
    public void close() {
        subscriber = null;
        thread.shutdownNow();
    }
}
