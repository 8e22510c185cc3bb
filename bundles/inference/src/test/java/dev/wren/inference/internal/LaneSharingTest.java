package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.onnxruntime.OrtEnvironment;

import dev.wren.hardware.simulator.Vibration;
import dev.wren.inference.Insight;
import dev.wren.peer.PeerCallException;
import dev.wren.power.PowerMode;

/**
 * A lane in MINIMAL that sends its features to a peer: the peer here is a {@link FeatureServer} on
 * a registry of its own with the real models, answering on another thread, as the peer channel's
 * service would; the channel itself is tested in the gossip bundle and end to end in ShareIT.
 */
class LaneSharingTest {

    private static final int WINDOWS = 8;

    private final Registry registry = new Registry((n, w) -> { });
    private final Registry peerRegistry = new Registry((n, w) -> { });
    private final FeatureServer peer = new FeatureServer();
    private final ExecutorService peerThread = Executors.newSingleThreadExecutor();
    private final Counters counters = new Counters();
    private final List<Insight> insights = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private Function<ShareWire.Request, CompletableFuture<Sharing.Served>> send;
    private Lane lane;

    @BeforeEach
    void models() throws Exception {
        for (Registry r : List.of(registry, peerRegistry)) {
            r.settings(new Registry.Settings(Map.of(), false, 10, 0.9));
            r.add(Fixtures.model("vibration-trigger").load(1));
            r.add(Fixtures.model("vibration-classifier").load(2));
        }
        Sharing sharing = new Sharing() {
            @Override
            public boolean wanted(String sensor, PowerMode mode, long captureNanos) {
                return mode == PowerMode.MINIMAL;
            }

            @Override
            public CompletableFuture<Served> send(ShareWire.Request request) {
                return send.apply(request);
            }
        };
        lane = new Lane("pump", LaneTest.FRAMES, OrtEnvironment.getEnvironment(), registry.slot("vibration-trigger"),
                registry.slot("vibration-classifier"), new Decision(3, 0.15), counters, new Lane.Out() {
                    @Override
                    public void insight(Insight insight) {
                        insights.add(insight);
                    }

                    @Override
                    public void failed(String sensor, String why, Throwable cause) {
                        failures.add(why);
                    }

                    @Override
                    public Sharing sharing() {
                        return sharing;
                    }
                }, () -> PowerMode.MINIMAL, new Lane.Thinning(4, 0));
    }

    @AfterEach
    void close() {
        lane.close();
        peer.close();
        peerThread.shutdownNow();
        registry.close();
        peerRegistry.close();
    }

    @Test
    void aPeerInFullRunsTheClassifierOnEveryWindowAndTheDecisionStaysHere() throws Exception {
        send = request -> CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            try {
                ShareWire.Answer a = ShareWire.answer(ShareWire.answer(peer.serve(peerRegistry,
                        ShareWire.request(ShareWire.request(request)))));
                return new Sharing.Served("gw-b", a, System.nanoTime() - t0);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, peerThread);
        feed(Vibration.Condition.BEARING_FAULT);
        await(WINDOWS);
        assertEquals(List.of(), failures);
        assertEquals(WINDOWS, counters.shared.sum());
        assertEquals(0, counters.skipped.sum(), "no window left out");
        assertEquals(0, counters.fallbacks.sum());
        Insight last = insights.get(WINDOWS - 1);
        assertEquals("bearing_fault", last.label(), "the classifier's label, in MINIMAL");
        assertEquals("vibration-classifier", last.model());
        assertEquals("gw-b", last.servedBy());
        assertEquals(3, last.severity());
        assertTrue(last.inferNanos() > 0 && last.networkNanos() >= 0, last.toString());
        assertEquals(last.captureNanos() + last.preNanos() + last.networkNanos() + last.inferNanos() + last.postNanos(),
                last.totalNanos());
        assertEquals("normal", insights.get(0).label(), "debounced here: 3 windows before the condition is taken");
    }

    @Test
    void withoutAnAnswerThisGatewaysOwnTriggerDecidesEachWindow() throws Exception {
        send = request -> CompletableFuture.failedFuture(
                new PeerCallException(PeerCallException.Reason.TIMEOUT, "no answer within 500 ms"));
        feed(Vibration.Condition.BEARING_FAULT);
        await(WINDOWS);
        assertEquals(WINDOWS, counters.fallbacks.sum());
        for (Insight i : insights) {
            assertEquals("unusual", i.label());
            assertEquals("vibration-trigger", i.model());
            assertNull(i.servedBy());
        }
    }

    @Test
    void withNoPeerToTakeItTheLaneThinsOutAsBefore() {
        send = request -> null;
        feed(Vibration.Condition.BEARING_FAULT);
        assertEquals(2, insights.size(), insights.toString());
        assertEquals(6, counters.skipped.sum());
        assertEquals(0, counters.shared.sum());
    }

    @Test
    void aPeerWithoutTheModelRefusesByName() {
        Registry empty = new Registry((n, w) -> { });
        try {
            ShareWire.Request r = new ShareWire.Request("vibration-v1", "vibration-trigger", "", new float[16]);
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> peer.serve(empty, r));
            assertTrue(e.getMessage().contains("not served here"), e.getMessage());
            assertTrue(empty.slots().isEmpty(), "a name asked for is not remembered");
            ShareWire.Request other = new ShareWire.Request("summary-v1", "vibration-trigger", "", new float[16]);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> peer.serve(peerRegistry, other));
            ShareWire.Request shorter = new ShareWire.Request("vibration-v1", "vibration-trigger", "", new float[3]);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> peer.serve(peerRegistry, shorter));
        } finally {
            empty.close();
        }
    }

    private void feed(Vibration.Condition condition) {
        Vibration v = new Vibration(11).condition(condition).shaftHz(27);
        double t = 0;
        for (int f = 0; f < WINDOWS * LaneTest.FRAMES; f += LaneTest.CHUNK) {
            int n = Math.min(LaneTest.CHUNK, WINDOWS * LaneTest.FRAMES - f);
            synchronized (lane) {
                lane.add(3, LaneTest.samples(v, t, n), 1000, Math.round((t + n / 1000.0) * 1000));
            }
            t += n / 1000.0;
        }
    }

    private void await(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (insights.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, insights.size(), insights.toString());
    }
}
