package dev.wren.gossip.internal.channel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import dev.wren.peer.Member;
import dev.wren.peer.PeerCallException;
import dev.wren.peer.PeerCallException.Reason;
import dev.wren.peer.PeerChannel;
import dev.wren.peer.PeerService;

/**
 * The {@link PeerChannel}: answers on its TCP port ({@link Answerer}) and calls each member through
 * its own {@link Caller}, found at the host of the member's gossip address and the port it
 * advertises under {@value PeerChannel#STATE_KEY}.
 */
public final class Channel implements PeerChannel, AutoCloseable {

    /** Where the channel says what it refused; the component logs it. */
    public interface Log {
        void refused(String remote, String why);
    }

    private final String self;
    private final ChannelConfig config;
    private final List<ChannelKeys.Psk> keys;
    private final Function<String, Optional<Member>> members;
    private final Map<String, Caller> callers = new ConcurrentHashMap<>();
    private final Map<String, LinkCounters> links = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;
    private final Answerer answerer;
    private final AtomicLong refused = new AtomicLong();
    private volatile String lastRefusal = "";
    private volatile boolean closed;

    /**
     * @param clusterKeys the cluster's keys, the primary first
     * @param members     a member by id, as gossip knows it now
     * @param services    the {@link PeerService} registered under a name, null if none
     * @throws IOException the port cannot be bound
     */
    public Channel(String self, String cluster, List<byte[]> clusterKeys, InetSocketAddress bind, ChannelConfig config,
            Function<String, Optional<Member>> members, Function<String, PeerService> services, Log log)
            throws IOException {
        this.self = self;
        this.config = config;
        this.keys = ChannelKeys.derive(clusterKeys, cluster);
        this.members = members;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> Answerer.daemon(r, "wren-channel-timer"));
        timer.setRemoveOnCancelPolicy(true);
        try {
            this.answerer = new Answerer(self, bind, config, keys, services, this::link, (remote, why) -> {
                refused.incrementAndGet();
                lastRefusal = remote + ": " + why;
                log.refused(remote, why);
            });
        } catch (IOException e) {
            timer.shutdownNow();
            throw e;
        }
    }

    /** @return the TCP port the channel answers on */
    public int port() {
        return answerer.port();
    }

    @Override
    public CompletableFuture<byte[]> call(String memberId, String service, byte[] request, Duration timeout) {
        int n = service == null ? 0 : service.getBytes(StandardCharsets.UTF_8).length;
        if (n == 0 || n > MAX_SERVICE_BYTES) {
            throw new IllegalArgumentException("service: 1 to " + MAX_SERVICE_BYTES + " UTF-8 bytes, was '" + service + "'");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: must be positive, was " + timeout);
        }
        if (closed) {
            return CompletableFuture.failedFuture(new PeerCallException(Reason.CLOSED, "the channel stopped"));
        }
        InetSocketAddress to;
        try {
            to = address(memberId);
        } catch (PeerCallException e) {
            link(memberId).failures.incrementAndGet();
            return CompletableFuture.failedFuture(e);
        }
        Caller c = callers.computeIfAbsent(memberId, id -> new Caller(self, id, config, keys, link(id), timer));
        return c.call(to, service, request == null ? new byte[0] : request, timeout);
    }

    private InetSocketAddress address(String memberId) throws PeerCallException {
        if (self.equals(memberId)) {
            throw new PeerCallException(Reason.NO_CHANNEL, memberId + " is this gateway");
        }
        Member m = members.apply(memberId).orElseThrow(() -> new PeerCallException(Reason.NO_CHANNEL,
                "no member " + memberId + " in the cluster"));
        if (!m.present()) {
            throw new PeerCallException(Reason.NO_CHANNEL, memberId + " is " + m.status());
        }
        String port = m.state().get(STATE_KEY);
        int p;
        try {
            p = Integer.parseInt(port == null ? "" : port.trim());
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 1 || p > 65_535) {
            throw new PeerCallException(Reason.NO_CHANNEL, memberId + " advertises no channel"
                    + (port == null ? "" : " (a port of '" + port + "')"));
        }
        String host = m.address().substring(0, m.address().lastIndexOf(':'));
        return new InetSocketAddress(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, p);
    }

    private LinkCounters link(String member) {
        return links.computeIfAbsent(member, id -> new LinkCounters());
    }

    @Override
    public List<Link> links() {
        List<Link> out = new ArrayList<>();
        new TreeMap<>(links).forEach((id, c) -> {
            Caller caller = callers.get(id);
            out.add(c.snapshot(id, caller != null && caller.connected()));
        });
        return out;
    }

    /** @return connections refused since the start, and the last one's reason */
    public String refusals() {
        return refused.get() + (refused.get() == 0 ? "" : ", last " + lastRefusal);
    }

    @Override
    public void close() {
        closed = true;
        answerer.close();
        callers.values().forEach(Caller::close);
        timer.shutdownNow();
    }
}
