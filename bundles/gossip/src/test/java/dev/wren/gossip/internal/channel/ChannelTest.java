package dev.wren.gossip.internal.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wren.peer.Member;
import dev.wren.peer.PeerCallException;
import dev.wren.peer.PeerCallException.Reason;
import dev.wren.peer.PeerChannel;
import dev.wren.peer.PeerService;

/** Two or three channels on loopback, as two gateways' gossip components run them, and what goes wrong between them. */
class ChannelTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final ChannelConfig CONFIG = new ChannelConfig(0, 64 * 1024, 0, 8, 2, 2_000);

    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final Map<String, PeerService> services = new ConcurrentHashMap<>();
    private final List<Channel> open = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private final AtomicInteger handled = new AtomicInteger();

    @AfterEach
    void close() {
        open.forEach(Channel::close);
    }

    private Channel start(String id, byte[] key, ChannelConfig config) throws Exception {
        Channel c = new Channel(id, "site", List.of(key), new InetSocketAddress("127.0.0.1", 0), config,
                m -> Optional.ofNullable(members.get(m)), services::get, (remote, why) -> {
                    synchronized (refusals) {
                        refusals.add(id + " refused " + remote + ": " + why);
                    }
                });
        open.add(c);
        members.put(id, new Member(id, "127.0.0.1:7946", Member.Status.ALIVE, 1,
                Map.of(PeerChannel.STATE_KEY, Integer.toString(c.port())), 1));
        return c;
    }

    private static PeerCallException failure(CompletableFuture<byte[]> f) throws InterruptedException {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(PeerCallException.class, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the call neither answered nor failed within 10 s");
        }
        throw new AssertionError("the call was answered");
    }

    @Test
    void aCallIsAnsweredAndCountedOnBothSides() throws Exception {
        services.put("echo", (from, request) -> {
            handled.incrementAndGet();
            return (from + ":" + new String(request, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        });
        Channel a = start("a", KEY, CONFIG);
        Channel b = start("b", KEY, CONFIG);
        for (int i = 0; i < 20; i++) {
            byte[] answer = a.call("b", "echo", ("hello " + i).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5))
                    .get(10, TimeUnit.SECONDS);
            assertEquals("a:hello " + i, new String(answer, StandardCharsets.UTF_8));
        }
        PeerChannel.Link out = a.links().get(0);
        assertEquals("b", out.member());
        assertEquals(20, out.callsOut());
        assertTrue(out.connected());
        assertTrue(out.bytesOut() > 20 * 7, out.toString());
        assertEquals(20, b.links().get(0).callsIn());
        assertEquals(List.of(), refusals);
    }

    @Test
    void aMemberWithAnotherKeyIsRefusedAtTheHandshakeAndNothingIsHandled() throws Exception {
        services.put("echo", (from, request) -> {
            handled.incrementAndGet();
            return request;
        });
        Channel a = start("a", OTHER_KEY, CONFIG);
        start("b", KEY, CONFIG);
        PeerCallException e = failure(a.call("b", "echo", new byte[] {1}, Duration.ofSeconds(5)));
        assertEquals(Reason.UNREACHABLE, e.reason(), e.getMessage());
        assertEquals(0, handled.get());
        awaitRefusal("TLS handshake failed");
    }

    @Test
    void unknownMembersServicesThatThrowAndMissingServicesFailByName() throws Exception {
        services.put("boom", (from, request) -> {
            throw new IllegalStateException("outbox full");
        });
        Channel a = start("a", KEY, CONFIG);
        start("b", KEY, CONFIG);
        assertEquals(Reason.NO_CHANNEL, failure(a.call("nobody", "boom", new byte[0], Duration.ofSeconds(1))).reason());
        members.put("c", new Member("c", "127.0.0.1:7946", Member.Status.ALIVE, 1, Map.of(), 1));
        PeerCallException noPort = failure(a.call("c", "boom", new byte[0], Duration.ofSeconds(1)));
        assertEquals(Reason.NO_CHANNEL, noPort.reason());
        assertTrue(noPort.getMessage().contains("advertises no channel"), noPort.getMessage());
        PeerCallException missing = failure(a.call("b", "nothing", new byte[0], Duration.ofSeconds(5)));
        assertEquals(Reason.NO_SERVICE, missing.reason());
        PeerCallException threw = failure(a.call("b", "boom", new byte[0], Duration.ofSeconds(5)));
        assertEquals(Reason.FAILED, threw.reason());
        assertTrue(threw.getMessage().contains("outbox full"), threw.getMessage());
    }

    @Test
    void requestsAndAnswersOverTheLimitAreRefusedAndTheConnectionServesTheNext() throws Exception {
        services.put("echo", (from, request) -> request);
        services.put("big", (from, request) -> new byte[CONFIG.maxBytes() + 1]);
        Channel a = start("a", KEY, CONFIG);
        start("b", KEY, CONFIG);
        assertEquals(Reason.TOO_LARGE, failure(a.call("b", "echo", new byte[CONFIG.maxBytes() + 1],
                Duration.ofSeconds(5))).reason());
        assertEquals(Reason.TOO_LARGE, failure(a.call("b", "big", new byte[0], Duration.ofSeconds(5))).reason());
        byte[] full = new byte[CONFIG.maxBytes()];
        new Random(1).nextBytes(full);
        assertArrayEquals(full, a.call("b", "echo", full, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));
    }

    @Test
    void aSlowServiceTimesOutAndAFullCalleeSaysBusy() throws Exception {
        services.put("slow", (from, request) -> {
            Thread.sleep(1_500);
            return request;
        });
        Channel a = start("a", KEY, new ChannelConfig(0, 64 * 1024, 0, 100, 1, 2_000));
        start("b", KEY, new ChannelConfig(0, 64 * 1024, 0, 100, 1, 2_000));
        assertEquals(Reason.TIMEOUT, failure(a.call("b", "slow", new byte[0], Duration.ofMillis(300))).reason());
        List<CompletableFuture<byte[]>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(a.call("b", "slow", new byte[0], Duration.ofSeconds(30)));
        }
        int busy = 0;
        for (CompletableFuture<byte[]> f : calls) {
            try {
                f.get(40, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertEquals(Reason.BUSY, ((PeerCallException) e.getCause()).reason(), e.getMessage());
                busy++;
            }
        }
        assertTrue(busy >= 6, "one handler and a queue of 4 leave at least 6 of 12 busy (and 1 from before), were " + busy);
    }

    @Test
    void callsBeyondTheCallersWindowFailAtOnceAsBusy() throws Exception {
        services.put("slow", (from, request) -> {
            Thread.sleep(500);
            return request;
        });
        Channel a = start("a", KEY, new ChannelConfig(0, 64 * 1024, 0, 2, 8, 2_000));
        start("b", KEY, CONFIG);
        CompletableFuture<byte[]> first = a.call("b", "slow", new byte[0], Duration.ofSeconds(5));
        CompletableFuture<byte[]> second = a.call("b", "slow", new byte[0], Duration.ofSeconds(5));
        assertEquals(Reason.BUSY, failure(a.call("b", "slow", new byte[0], Duration.ofSeconds(5))).reason());
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
    }

    @Test
    void garbageAndAReplayedSessionAreRefusedAndTheChannelServesOn() throws Exception {
        services.put("count", (from, request) -> new byte[] {(byte) handled.incrementAndGet()});
        Channel a = start("a", KEY, CONFIG);
        Channel b = start("b", KEY, CONFIG);
        int port = b.port();
        ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        try (ServerSocket proxy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            members.put("b", new Member("b", "127.0.0.1:7946", Member.Status.ALIVE, 1,
                    Map.of(PeerChannel.STATE_KEY, Integer.toString(proxy.getLocalPort())), 1));
            Thread relay = new Thread(() -> {
                try (Socket in = proxy.accept(); Socket out = new Socket("127.0.0.1", port)) {
                    Thread back = new Thread(() -> pump(out, in, null));
                    back.start();
                    pump(in, out, recorded);
                } catch (Exception e) {
                    // the test checks the outcome
                }
            });
            relay.start();
            assertEquals(1, a.call("b", "count", new byte[0], Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS)[0]);
            a.close();
            relay.join(5_000);
        }
        try (Socket replay = new Socket("127.0.0.1", port)) {
            replay.getOutputStream().write(recorded.toByteArray());
            replay.getOutputStream().flush();
            replay.setSoTimeout(5_000);
            drain(replay.getInputStream());
        }
        try (Socket garbage = new Socket("127.0.0.1", port)) {
            byte[] noise = new byte[4096];
            new Random(7).nextBytes(noise);
            garbage.getOutputStream().write(noise);
            garbage.setSoTimeout(5_000);
            drain(garbage.getInputStream());
        }
        assertEquals(1, handled.get(), "the replayed call was not handled again");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (refusalCount() < 2 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        synchronized (refusals) {
            assertTrue(refusals.size() >= 2, "the replay and the noise both refused: " + refusals);
        }
        members.put("b", new Member("b", "127.0.0.1:7946", Member.Status.ALIVE, 1,
                Map.of(PeerChannel.STATE_KEY, Integer.toString(port)), 1));
        Channel c = start("c", KEY, CONFIG);
        assertEquals(2, c.call("b", "count", new byte[0], Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS)[0]);
    }

    @Test
    void aCalleeThatDiesMidCallFailsTheCallAndTheNextConnects() throws Exception {
        services.put("slow", (from, request) -> {
            Thread.sleep(3_000);
            return request;
        });
        Channel a = start("a", KEY, CONFIG);
        Channel b = start("b", KEY, CONFIG);
        CompletableFuture<byte[]> call = a.call("b", "slow", new byte[0], Duration.ofSeconds(20));
        Thread.sleep(300);
        b.close();
        PeerCallException e = failure(call);
        assertEquals(Reason.UNREACHABLE, e.reason(), e.getMessage());
        services.put("echo", (from, request) -> request);
        start("b", KEY, CONFIG);
        assertArrayEquals(new byte[] {9}, a.call("b", "echo", new byte[] {9}, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS));
    }

    @Test
    void theRateLimitHoldsTheBytesSentToAMember() throws Exception {
        services.put("sink", (from, request) -> new byte[0]);
        Channel a = start("a", KEY, new ChannelConfig(0, 256 * 1024, 200 * 1024, 8, 2, 2_000));
        start("b", KEY, new ChannelConfig(0, 256 * 1024, 0, 8, 2, 2_000));
        long t0 = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            a.call("b", "sink", new byte[100 * 1024], Duration.ofSeconds(20)).get(30, TimeUnit.SECONDS);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        // 600 kB at 200 kB/s with a bucket of one second: 2 s at least
        assertTrue(s >= 1.9, "600 kB at 200 kB/s took " + s + " s");
    }

    @Test
    void aGatewayThatAnswersForAnotherIdIsNotTrusted() throws Exception {
        services.put("echo", (from, request) -> request);
        Channel a = start("a", KEY, CONFIG);
        Channel b = start("b", KEY, CONFIG);
        members.put("impostor", new Member("impostor", "127.0.0.1:7946", Member.Status.ALIVE, 1,
                Map.of(PeerChannel.STATE_KEY, Integer.toString(b.port())), 1));
        PeerCallException e = failure(a.call("impostor", "echo", new byte[0], Duration.ofSeconds(5)));
        assertEquals(Reason.UNREACHABLE, e.reason());
        assertTrue(e.getMessage().contains("this is b, not impostor"), e.getMessage());
    }

    private int refusalCount() {
        synchronized (refusals) {
            return refusals.size();
        }
    }

    private void awaitRefusal(String words) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            synchronized (refusals) {
                if (refusals.stream().anyMatch(r -> r.contains(words))) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no refusal saying '" + words + "': " + refusals);
    }

    private static void pump(Socket from, Socket to, ByteArrayOutputStream copy) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0;) {
                if (copy != null) {
                    synchronized (copy) {
                        copy.write(buf, 0, n);
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (Exception e) {
            // one side closed
        }
    }

    private static void drain(InputStream in) {
        try {
            while (in.read() >= 0) {
                // until the channel closes the connection
            }
        } catch (Exception e) {
            // closed or reset
        }
    }
}
