package dev.wren.gossip.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import dev.wren.gossip.internal.GossipConfig;
import dev.wren.gossip.internal.Node;
import dev.wren.gossip.internal.Output;
import dev.wren.gossip.internal.crypto.AesGcmEnvelope;
import dev.wren.gossip.internal.crypto.Keyring;
import dev.wren.peer.Member;

/**
 * A gossip peer for tests that run next to a real gateway: the protocol {@link Node} on a UDP
 * socket bound to 127.0.0.1, driven by one daemon thread, with the LAN profile. Not a second
 * implementation: the same node, a plainer shell.
 */
public final class TestPeer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Node node;
    private final Thread thread;
    private volatile boolean running = true;

    /** A packet this peer sent: to whom ({@code host:port}) and the sealed bytes, as a LAN capture sees it. */
    public record Sent(String to, byte[] packet) {
    }

    private final java.util.concurrent.ConcurrentLinkedDeque<Sent> sent = new java.util.concurrent.ConcurrentLinkedDeque<>();

    /** Boot epoch 1. */
    public TestPeer(String id, String cluster, String key, List<String> seeds) throws IOException {
        this(id, cluster, key, seeds, 1);
    }

    /**
     * @param key base64 AES key, the cluster's
     * @param seeds {@code host:port} of members to join
     * @param epoch this peer's boot epoch (a restarted peer: a higher one)
     */
    public TestPeer(String id, String cluster, String key, List<String> seeds, long epoch) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        SecureRandom random = new SecureRandom();
        Output out = new Output() {
            @Override
            public void send(String address, byte[] packet) {
                sent.add(new Sent(address, packet.clone()));
                while (sent.size() > 256) {
                    sent.pollFirst();
                }
                int colon = address.lastIndexOf(':');
                try {
                    socket.send(new DatagramPacket(packet, packet.length,
                            new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))));
                } catch (IOException | RuntimeException e) {
                    // best effort, like UDP
                }
            }

            @Override
            public void event(String topic, Member member, List<String> keys) {
            }
        };
        long now = System.currentTimeMillis();
        GossipConfig lan = GossipConfig.lan();
        node = new Node(id, "127.0.0.1:" + socket.getLocalPort(), epoch, lan, new AesGcmEnvelope(cluster,
                Keyring.of(Base64.getDecoder().decode(key)), lan.replayWindow(), random, 4096),
                new SplittableRandom(random.nextLong()), out, now);
        node.join(seeds, now);
        thread = new Thread(this::run, "test-peer-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    /** @return where this peer listens, {@code 127.0.0.1:port} */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void run() {
        byte[] buffer = new byte[65_536];
        while (running) {
            try {
                synchronized (node) {
                    node.tick(System.currentTimeMillis());
                    socket.setSoTimeout((int) Math.max(1, Math.min(50, node.nextDeadline() - System.currentTimeMillis())));
                }
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                socket.receive(p);
                byte[] packet = java.util.Arrays.copyOf(p.getData(), p.getLength());
                synchronized (node) {
                    node.receive(packet, p.getAddress().getHostAddress() + ":" + p.getPort(), System.currentTimeMillis());
                }
            } catch (SocketTimeoutException e) {
                // time to tick
            } catch (IOException e) {
                if (running) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** @return the packets this peer sent lately (the last 256), oldest first */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** @return this peer's drop counters by reason, as {@code wren:peers} prints them */
    public java.util.Map<dev.wren.gossip.internal.wire.Drop, Long> drops() {
        synchronized (node) {
            return node.counters().drops();
        }
    }

    public List<Member> members() {
        synchronized (node) {
            return node.members();
        }
    }

    public Optional<Member> member(String id) {
        synchronized (node) {
            return node.member(id);
        }
    }

    public void publish(String key, String value) {
        synchronized (node) {
            node.publish(key, value, System.currentTimeMillis());
        }
    }

    /** Leaves the cluster on purpose, then closes the socket. */
    @Override
    public void close() throws InterruptedException {
        synchronized (node) {
            node.leave(System.currentTimeMillis());
        }
        Thread.sleep(300);
        running = false;
        socket.close();
        thread.join(2_000);
    }
}
