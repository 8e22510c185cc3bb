package dev.wren.gossip.internal.channel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wren.peer.PeerCallException;
import dev.wren.peer.PeerCallException.Reason;

/**
 * This gateway's calls to one member: one TLS connection, opened on the first call and again after
 * a loss, carrying at most {@link ChannelConfig#callsPerMember} calls at once. Requests are written by
 * one thread (which connects, so {@link #call} never blocks) at the member's rate; answers are read by
 * another. A lost connection fails every call in flight with {@link Reason#UNREACHABLE}: the caller
 * decides what to send again.
 */
final class Caller implements AutoCloseable {

    private final String self;
    private final String member;
    private final ChannelConfig config;
    private final List<ChannelKeys.Psk> keys;
    private final LinkCounters counters;
    private final ScheduledExecutorService timer;
    private final Throttle throttle;
    private final Semaphore slots;
    private final Map<Integer, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final ThreadPoolExecutor writer;
    private volatile Connection connection;
    private volatile boolean closed;

    /** The socket, its secured streams and the thread reading answers. */
    private record Connection(Socket socket, PskTls.Streams tls, DataOutputStream out) {
    }

    Caller(String self, String member, ChannelConfig config, List<ChannelKeys.Psk> keys, LinkCounters counters,
            ScheduledExecutorService timer) {
        this.self = self;
        this.member = member;
        this.config = config;
        this.keys = keys;
        this.counters = counters;
        this.timer = timer;
        this.throttle = new Throttle(config.rateBytesPerSec());
        this.slots = new Semaphore(config.callsPerMember());
        this.writer = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> Answerer.daemon(r, "wren-channel-to-" + member));
    }

    CompletableFuture<byte[]> call(InetSocketAddress to, String service, byte[] request, Duration timeout) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        if (request.length > config.maxBytes()) {
            counters.failures.incrementAndGet();
            f.completeExceptionally(failure(Reason.TOO_LARGE, service, "request of " + request.length
                    + " bytes, more than the channel's limit of " + config.maxBytes()));
            return f;
        }
        if (!slots.tryAcquire()) {
            counters.failures.incrementAndGet();
            f.completeExceptionally(failure(Reason.BUSY, service, config.callsPerMember() + " calls already in flight"));
            return f;
        }
        int id = ids.incrementAndGet();
        pending.put(id, f);
        ScheduledFuture<?> timeUp = timer.schedule(() -> f.completeExceptionally(failure(Reason.TIMEOUT, service,
                "no answer within " + timeout.toMillis() + " ms; it may or may not have been handled")),
                timeout.toNanos(), TimeUnit.NANOSECONDS);
        f.whenComplete((answer, e) -> {
            timeUp.cancel(false);
            pending.remove(id);
            slots.release();
            (e == null ? counters.callsOut : counters.failures).incrementAndGet();
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            writer.execute(() -> send(to, id, service, request, f, deadline));
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(failure(Reason.CLOSED, service, "the channel stopped"));
        }
        return f;
    }

    private void send(InetSocketAddress to, int id, String service, byte[] request, CompletableFuture<byte[]> f,
            long deadline) {
        if (f.isDone()) {
            return;
        }
        try {
            Connection c = connection(to, deadline);
            throttle.take(request.length);
            counters.bytesOut.addAndGet(Frame.call(id, service, request).write(c.out()));
        } catch (IOException e) {
            lost(Reason.UNREACHABLE, member + " at " + to + ": " + words(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.completeExceptionally(failure(Reason.CLOSED, service, "the channel stopped"));
        }
    }

    /** Runs on the writer thread only. */
    private Connection connection(InetSocketAddress to, long deadline) throws IOException {
        Connection c = connection;
        if (c != null && !c.socket().isClosed()) {
            return c;
        }
        if (closed) {
            throw new IOException("the channel stopped");
        }
        int wait = (int) Math.max(1, Math.min(config.connectMillis(), (deadline - System.nanoTime()) / 1_000_000));
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(to, wait);
            s.setSoTimeout(wait);
            PskTls.Streams tls = PskTls.connect(s.getInputStream(), s.getOutputStream(), keys);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(tls.out(), 16 * 1024));
            DataInputStream in = new DataInputStream(new BufferedInputStream(tls.in(), 16 * 1024));
            Frame.hello(self, member).write(out);
            Frame reply = Frame.read(in, 0);
            if (reply.type() == Frame.Type.ERROR) {
                throw new IOException("refused: " + reply.text());
            }
            if (reply.type() != Frame.Type.HELLO || !reply.text().equals(member) || !reply.text2().equals(self)) {
                throw new IOException("the gateway there says it is '" + reply.text() + "', not " + member);
            }
            s.setSoTimeout(0);
            c = new Connection(s, tls, out);
            connection = c;
            Connection reading = c;
            Answerer.daemon(() -> read(reading, in), "wren-channel-from-" + member).start();
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private void read(Connection c, DataInputStream in) {
        try {
            while (true) {
                Frame f = Frame.read(in, config.maxBytes());
                counters.bytesIn.addAndGet(5 + f.body().length);
                CompletableFuture<byte[]> waiting = pending.get(f.call());
                if (waiting == null) {
                    continue; // timed out meanwhile
                }
                if (f.type() == Frame.Type.ANSWER) {
                    waiting.complete(f.body());
                } else if (f.type() == Frame.Type.ERROR) {
                    waiting.completeExceptionally(new PeerCallException(f.reason(), member + ": " + f.text()));
                }
            }
        } catch (Frame.TooLarge e) {
            CompletableFuture<byte[]> waiting = pending.get(e.call);
            if (waiting != null) {
                waiting.completeExceptionally(new PeerCallException(Reason.TOO_LARGE, member + ": answer " + e.getMessage()));
            }
            drop(c, Reason.UNREACHABLE, member + ": connection closed after an answer over the limit");
        } catch (IOException e) {
            drop(c, closed ? Reason.CLOSED : Reason.UNREACHABLE, member + ": connection lost: " + words(e));
        }
    }

    private void drop(Connection c, Reason reason, String why) {
        try {
            c.socket().close();
        } catch (IOException ignored) {
            // closing anyway
        }
        if (connection == c) {
            connection = null;
        }
        failPending(reason, why);
    }

    /** The current connection, if any, is closed and every call in flight fails. */
    private void lost(Reason reason, String why) {
        Connection c = connection;
        if (c != null) {
            drop(c, reason, why);
        } else {
            failPending(reason, why);
        }
    }

    private void failPending(Reason reason, String why) {
        pending.values().forEach(f -> f.completeExceptionally(new PeerCallException(reason, why)));
    }

    boolean connected() {
        Connection c = connection;
        return c != null && !c.socket().isClosed();
    }

    private PeerCallException failure(Reason reason, String service, String why) {
        return new PeerCallException(reason, "call to " + service + " on " + member + ": " + why);
    }

    static String words(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        closed = true;
        writer.shutdownNow();
        Connection c = connection;
        if (c != null) {
            try {
                c.tls().closer().close();
            } catch (IOException ignored) {
                // the socket goes below anyway
            }
        }
        lost(Reason.CLOSED, "the channel stopped");
    }
}
