package dev.wren.gossip.internal.channel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.wren.peer.PeerCallException.Reason;
import dev.wren.peer.PeerService;

/**
 * Answers the other members' calls: accepts TLS connections on the channel port (at most
 * {@link ChannelConfig#MAX_CONNECTIONS}), checks each caller's hello, and hands each call to one of
 * {@link ChannelConfig#handlers} threads; a call that finds them all busy (and their short queue
 * full) is refused with {@link Reason#BUSY} at once. A connection that fails its handshake, says hello
 * to another member, or sends a malformed or oversized frame is closed and counted with its reason.
 */
final class Answerer implements AutoCloseable {

    /** What the channel tells about refused connections. */
    interface Refusals {
        void refused(String remote, String why);
    }

    private final String self;
    private final ChannelConfig config;
    private final List<ChannelKeys.Psk> keys;
    private final Function<String, PeerService> services;
    private final Function<String, LinkCounters> counters;
    private final Refusals refusals;
    private final ServerSocket server;
    private final ThreadPoolExecutor handlers;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Answerer(String self, InetSocketAddress bind, ChannelConfig config, List<ChannelKeys.Psk> keys,
            Function<String, PeerService> services, Function<String, LinkCounters> counters, Refusals refusals)
            throws IOException {
        this.self = self;
        this.config = config;
        this.keys = keys;
        this.services = services;
        this.counters = counters;
        this.refusals = refusals;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(bind, 16);
        this.handlers = new ThreadPoolExecutor(config.handlers(), config.handlers(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.handlers() * 4), r -> daemon(r, "wren-channel-answer"));
        handlers.allowCoreThreadTimeOut(true);
        daemon(this::accept, "wren-channel-accept").start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                refusals.refused("-", "accept failed: " + Caller.words(e));
                continue;
            }
            if (open.size() >= ChannelConfig.MAX_CONNECTIONS) {
                refusals.refused(remote(s), ChannelConfig.MAX_CONNECTIONS + " connections open already");
                closeQuietly(s);
                continue;
            }
            open.add(s);
            daemon(() -> serve(s), "wren-channel-from-" + remote(s)).start();
        }
    }

    private void serve(Socket s) {
        String from = null;
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(config.connectMillis());
            PskTls.Streams tls;
            try {
                tls = PskTls.accept(s.getInputStream(), s.getOutputStream(), keys);
            } catch (IOException e) {
                refusals.refused(remote(s), "TLS handshake failed (no common cluster key?): " + Caller.words(e));
                return;
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(tls.in(), 16 * 1024));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(tls.out(), 16 * 1024));
            Frame hello = Frame.read(in, 0);
            if (hello.type() != Frame.Type.HELLO || hello.text().isEmpty()) {
                refusals.refused(remote(s), "no hello");
                return;
            }
            if (!hello.text2().equals(self)) {
                Frame.error(0, Reason.UNREACHABLE, "this is " + self + ", not " + hello.text2()).write(out);
                refusals.refused(remote(s), hello.text() + " called " + hello.text2() + " here");
                return;
            }
            from = hello.text();
            Frame.hello(self, from).write(out);
            s.setSoTimeout(0);
            LinkCounters link = counters.apply(from);
            while (!closed) {
                Frame f;
                try {
                    f = Frame.read(in, config.maxBytes());
                } catch (Frame.TooLarge e) {
                    link.failures.incrementAndGet();
                    reply(out, Frame.error(e.call, Reason.TOO_LARGE, "request " + e.getMessage()), link);
                    refusals.refused(from, "request " + e.getMessage() + "; connection closed");
                    return;
                }
                link.bytesIn.addAndGet(5 + f.body().length);
                if (f.type() != Frame.Type.CALL) {
                    refusals.refused(from, "a " + f.type() + " frame where a call was expected; connection closed");
                    return;
                }
                dispatch(f, from, out, link);
            }
        } catch (EOFException | SocketException e) {
            // the caller closed the connection
        } catch (IOException e) {
            refusals.refused(from == null ? remote(s) : from, "malformed: " + Caller.words(e) + "; connection closed");
        } finally {
            open.remove(s);
            closeQuietly(s);
        }
    }

    private void dispatch(Frame call, String from, DataOutputStream out, LinkCounters link) throws IOException {
        PeerService service = services.apply(call.text());
        if (service == null) {
            link.failures.incrementAndGet();
            reply(out, Frame.error(call.call(), Reason.NO_SERVICE, "no service '" + call.text() + "' on " + self), link);
            return;
        }
        try {
            handlers.execute(() -> answer(service, call, from, out, link));
        } catch (RejectedExecutionException e) {
            link.failures.incrementAndGet();
            reply(out, Frame.error(call.call(), Reason.BUSY, self + " is answering " + config.handlers()
                    + " calls already"), link);
        }
    }

    private void answer(PeerService service, Frame call, String from, DataOutputStream out, LinkCounters link) {
        Frame reply;
        try {
            byte[] answer = service.answer(from, call.body());
            if (answer.length > config.maxBytes()) {
                link.failures.incrementAndGet();
                reply = Frame.error(call.call(), Reason.TOO_LARGE, "answer of " + answer.length + " bytes, more than "
                        + "the channel's limit of " + config.maxBytes());
            } else {
                link.callsIn.incrementAndGet();
                reply = Frame.answer(call.call(), answer);
            }
        } catch (Exception | LinkageError | AssertionError e) {
            link.failures.incrementAndGet();
            reply = Frame.error(call.call(), Reason.FAILED, Caller.words(e));
        }
        try {
            reply(out, reply, link);
        } catch (IOException e) {
            // the caller is gone: it counts the call as failed
        }
    }

    private static void reply(DataOutputStream out, Frame f, LinkCounters link) throws IOException {
        synchronized (out) {
            link.bytesOut.addAndGet(f.write(out));
        }
    }

    private static String remote(Socket s) {
        return String.valueOf(s.getRemoteSocketAddress()).replaceFirst("^/", "");
    }

    /** @return a daemon thread, not started: the channel's threads never hold the framework's stop */
    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // gone anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(Answerer::closeQuietly);
        handlers.shutdownNow();
    }
}
