package dev.wren.gossip.internal.shell;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

import dev.wren.gossip.internal.Node;
import dev.wren.gossip.internal.Output;
import dev.wren.gossip.internal.crypto.AesGcmEnvelope;
import dev.wren.peer.Member;

/**
 * The UDP shell around a {@link Node}: one non-blocking socket (and the {@link Discovery} one, when
 * on) and one thread ({@code wren-gossip}) that waits for a packet or the node's next deadline,
 * whichever comes first, and feeds the node.
 * Everything that touches the node holds its monitor ({@link #node(Consumer)}), so other threads
 * (the directory's readers and writers, the state feed) are served between packets.
 *
 * <p>Time is the wall clock (packets carry it for replay protection, so the gateways' clocks must
 * agree within the replay window), never going back for the node.
 */
final class UdpLoop implements Output, Closeable {

    /** A member event, as the node reports it. */
    interface Events {
        void event(String topic, Member member, List<String> keys);
    }

    /** Work done on the loop's thread every period, holding the node's monitor. */
    interface Periodic {
        void run(Node node, long now);
    }

    /** Nonces the replay guard remembers at most: a minute of a busy node. */
    private static final int REMEMBERED_NONCES = 16_384;

    private final DatagramChannel channel;
    private final Selector selector;
    private final Node node;
    private final Discovery discovery;
    private final Events events;
    private final Periodic periodic;
    private final long periodMillis;
    private final Thread thread;
    private final Map<String, InetSocketAddress> addresses = new ConcurrentHashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(65_536);
    final LongAdder socketErrors = new LongAdder();
    private volatile boolean running = true;
    private long last;
    private long nextPeriodic;

    /**
     * Binds the socket and starts the thread; the node joins the seeds at once.
     *
     * @param epoch    this start's boot epoch ({@link Epochs})
     * @param periodic called on the loop's thread every {@code periodMillis}, the first time at once
     * @throws IOException the address cannot be bound (in use, not local)
     */
    UdpLoop(Settings s, long epoch, Events events, Periodic periodic, long periodMillis) throws IOException {
        this.events = events;
        this.periodic = periodic;
        this.periodMillis = periodMillis;
        channel = DatagramChannel.open();
        try {
            channel.bind(s.bind());
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        SecureRandom seed = new SecureRandom();
        long now = now();
        AesGcmEnvelope envelope = new AesGcmEnvelope(s.cluster(), s.keyring(), s.protocol().replayWindow(), seed,
                REMEMBERED_NONCES);
        try {
            node = new Node(s.nodeId(), s.advertise(), epoch, s.protocol(), envelope, new SplittableRandom(seed.nextLong()),
                    this, now);
            discovery = s.multicast() == null ? null
                    : new Discovery(s.multicast(), s.bind(), s.advertise(), envelope, selector);
        } catch (IOException | RuntimeException e) {
            selector.close();
            channel.close();
            throw e;
        }
        node.join(s.seeds(), now);
        thread = new Thread(this::run, "wren-gossip");
        thread.setDaemon(true);
        thread.start();
    }

    /** @return what {@code action} makes of the node and the current time, holding the node's monitor */
    <T> T node(BiFunction<Node, Long, T> action) {
        synchronized (node) {
            return action.apply(node, now());
        }
    }

    /** @return the current time for the node: the wall clock, never going back */
    long now() {
        synchronized (this) {
            last = Math.max(last, System.currentTimeMillis());
            return last;
        }
    }

    private void run() {
        while (running) {
            try {
                long wait;
                synchronized (node) {
                    long now = now();
                    node.tick(now);
                    if (now >= nextPeriodic) {
                        nextPeriodic = now + periodMillis;
                        periodic.run(node, now);
                    }
                    long due = Math.min(node.nextDeadline(), nextPeriodic);
                    if (discovery != null) {
                        due = Math.min(due, discovery.tick(node, now));
                    }
                    wait = due - now;
                }
                selector.select(Math.max(1, wait));
                selector.selectedKeys().clear();
                if (discovery != null) {
                    synchronized (node) {
                        discovery.receive(node, now());
                    }
                }
                SocketAddress from;
                while (running && (from = channel.receive(buffer.clear())) != null) {
                    byte[] packet = new byte[buffer.flip().remaining()];
                    buffer.get(packet);
                    String sender = from instanceof InetSocketAddress a
                            ? a.getAddress().getHostAddress() + ":" + a.getPort() : from.toString();
                    synchronized (node) {
                        node.receive(packet, sender, now());
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (running) {
                    socketErrors.increment();
                    LockSupport.parkNanos(10_000_000); // an error that repeats must not spin the core
                }
            }
        }
    }

    @Override
    public void send(String address, byte[] packet) {
        try {
            InetSocketAddress to = addresses.computeIfAbsent(address, UdpLoop::resolve);
            if (to.isUnresolved() || channel.send(ByteBuffer.wrap(packet), to) == 0) {
                socketErrors.increment();
            }
        } catch (IOException | RuntimeException e) {
            socketErrors.increment();
        }
    }

    private static InetSocketAddress resolve(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    @Override
    public void event(String topic, Member member, List<String> keys) {
        events.event(topic, member, keys);
    }

    /**
     * Says goodbye (the members learn this gateway left, not failed), lets the news out for at most
     * half a second, then stops the thread and closes the socket.
     */
    @Override
    public void close() {
        node((n, now) -> {
            n.leave(now);
            return null;
        });
        long end = System.currentTimeMillis() + 500;
        while (System.currentTimeMillis() < end && queued() > 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        selector.wakeup();
        try {
            thread.join(2_000);
            selector.close();
            channel.close();
            if (discovery != null) {
                discovery.close();
            }
        } catch (IOException | InterruptedException e) {
            // closing anyway
        }
    }

    private int queued() {
        return node((n, now) -> n.queued());
    }
}
