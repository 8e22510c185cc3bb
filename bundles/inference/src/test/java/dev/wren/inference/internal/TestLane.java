package dev.wren.inference.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ai.onnxruntime.OrtEnvironment;

import dev.wren.hardware.simulator.Vibration;
import dev.wren.inference.Insight;
import dev.wren.power.PowerMode;

/** A lane of the pipeline in FULL power mode on the registry's vibration models, fed with the simulated machine. */
final class TestLane implements AutoCloseable {

    final List<Insight> insights = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<Drift.Change> drifts = new CopyOnWriteArrayList<>();
    private final Lane lane;
    private double t;

    TestLane(Registry registry, Drift drift) {
        lane = new Lane("pump", LaneTest.FRAMES, OrtEnvironment.getEnvironment(), registry.slot("vibration-trigger"),
                registry.slot("vibration-classifier"), new Decision(3, 0.15), new Counters(), new Lane.Out() {
                    @Override
                    public void insight(Insight insight) {
                        insights.add(insight);
                    }

                    @Override
                    public void failed(String sensor, String why, Throwable cause) {
                        failures.add(why);
                    }

                    @Override
                    public void drift(String sensor, Drift.Change change, LoadedModel trigger) {
                        drifts.add(change);
                    }
                }, () -> PowerMode.FULL, new Lane.Thinning(4, 0), drift);
    }

    /** Feeds {@code windows} analysis windows of {@code machine}, continuing the lane's clock. */
    void feed(Vibration machine, int windows) {
        for (int w = 0; w < windows; w++) {
            for (int f = 0; f < LaneTest.FRAMES; f += LaneTest.CHUNK) {
                int n = Math.min(LaneTest.CHUNK, LaneTest.FRAMES - f);
                lane.add(3, LaneTest.samples(machine, t, n), 1000, Math.round((t + n / 1000.0) * 1000));
                t += n / 1000.0;
            }
        }
    }

    void feed(Vibration.Condition condition, int windows) {
        feed(new Vibration(11).condition(condition).shaftHz(27), windows);
    }

    @Override
    public void close() {
        lane.close();
    }
}
