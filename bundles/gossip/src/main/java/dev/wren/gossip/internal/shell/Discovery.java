package dev.wren.gossip.internal.shell;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.wren.gossip.internal.Node;
import dev.wren.gossip.internal.crypto.Envelope;
import dev.wren.gossip.internal.crypto.Opened;
import dev.wren.gossip.internal.crypto.Route;
import dev.wren.gossip.internal.wire.Drop;
import dev.wren.gossip.internal.wire.DroppedException;

/**
 * Multicast discovery on a LAN: a gateway announces its address to the group, sealed like every
 * gossip packet (so only the cluster's members can read or forge one, and replays are refused),
 * every {@value #ALONE_MS} ms while it knows no other member and every {@value #TOGETHER_MS} ms
 * after (so split groups find each other again); a member that hears an address it does not know
 * contacts it. Runs on the gossip loop's thread and selector.
 *
 * <p>An announcement is routed to the group ({@code @group:port} as the receiver, so it never
 * opens as a member's unicast packet, nor the reverse) with no receiver epoch, so a receiver takes
 * only announcements sealed since it started; all a replay within the time window can do is make
 * a member contact a cluster member's address once more. Refusals are counted with the node's,
 * except another cluster's and an old gateway's announcements, which are not ours to count.
 */
final class Discovery implements Closeable {

    static final long ALONE_MS = 5_000;
    static final long TOGETHER_MS = 60_000;
    private static final byte[] MARK = "wren-hello ".getBytes(StandardCharsets.UTF_8);

    private final DatagramChannel channel;
    private final InetSocketAddress group;
    private final Envelope envelope;
    private final byte[] announcement;
    private final String route;
    private final ByteBuffer buffer = ByteBuffer.allocate(2_048);
    private long next;

    /** Joins {@code group} on the interface that holds {@code local}, registered with {@code selector}. */
    Discovery(InetSocketAddress group, InetSocketAddress local, String advertise, Envelope envelope, Selector selector)
            throws IOException {
        this.group = group;
        this.envelope = envelope;
        this.route = "@" + group.getAddress().getHostAddress() + ":" + group.getPort();
        byte[] address = advertise.getBytes(StandardCharsets.UTF_8);
        announcement = new byte[MARK.length + address.length];
        System.arraycopy(MARK, 0, announcement, 0, MARK.length);
        System.arraycopy(address, 0, announcement, MARK.length, address.length);
        NetworkInterface nic = local.getAddress().isLoopbackAddress() ? NetworkInterface.getByName("lo")
                : NetworkInterface.getByInetAddress(local.getAddress());
        if (nic == null) {
            throw new IOException("no network interface holds " + local.getAddress().getHostAddress());
        }
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(group.getPort()));
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, nic);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            channel.join(group.getAddress(), nic);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Announces when due; @return when it is due next */
    long tick(Node node, long now) {
        if (now >= next) {
            try {
                channel.send(ByteBuffer.wrap(envelope.seal(announcement, new Route(node.epoch(), route, 0), now)), group);
            } catch (IOException e) {
                // the next announcement may get through
            }
            next = now + (node.presentCount() > 1 ? TOGETHER_MS : ALONE_MS);
        }
        return next;
    }

    /** Reads every announcement waiting and contacts the gateways it names. */
    void receive(Node node, long now) throws IOException {
        while (channel.receive(buffer.clear()) != null) {
            byte[] packet = new byte[buffer.flip().remaining()];
            buffer.get(packet);
            Opened o;
            try {
                o = envelope.open(packet, route, now);
            } catch (DroppedException e) {
                if (e.reason() != Drop.WRONG_CLUSTER && e.reason() != Drop.WRONG_VERSION) {
                    node.dropped(e.reason());
                }
                continue;
            }
            if (!node.forThisLife(o)) {
                node.dropped(Drop.STALE_RECEIVER);
                continue;
            }
            byte[] payload = o.payload();
            if (payload.length > MARK.length && Arrays.equals(payload, 0, MARK.length, MARK, 0, MARK.length)) {
                node.contact(new String(payload, MARK.length, payload.length - MARK.length, StandardCharsets.UTF_8), now);
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
