package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.onnxruntime.OrtEnvironment;

import dev.wren.hardware.simulator.Vibration;
import dev.wren.inference.Insight;
import dev.wren.sensor.Window;

/** A vibration-v1 model that says which sensors it consumes runs on their windows by itself, outside the trigger-classifier cascade. */
class WindowLaneTest {

    private final Registry registry = new Registry((n, w) -> { });
    private final List<Insight> insights = new CopyOnWriteArrayList<>();
    private final Counters counters = new Counters();
    private WindowLane lane;

    @AfterEach
    void close() {
        if (lane != null) {
            lane.close();
        }
        registry.close();
    }

    @Test
    void aTriggerThatAsksForAnMpu6050RunsOnEachAnalysisWindowOfIt() throws Exception {
        Fixtures.Files trigger = Fixtures.model("vibration-trigger");
        String json = trigger.descriptor().replaceFirst("\"name\"\\s*:\\s*\"vibration-trigger\"", "\"name\": \"pump-watch\"")
                .replaceFirst("(\"features\"\\s*:\\s*\"vibration-v1\",)",
                        "$1 \"consumes\": {\"sensors\": \"(sensor.kind=mpu6050)\", \"frames\": 1024},");
        registry.add(new Fixtures.Files(json, trigger.onnx(), trigger.vectors()).load(1));
        Consumes c = registry.slot("pump-watch").serving().descriptor().consumes();
        assertEquals(1024, c.frames());
        lane = new WindowLane("pump", registry.slot("pump-watch"), c, OrtEnvironment.getEnvironment(), counters,
                new ModelRun.Out() {
                    @Override
                    public void insight(Insight insight) {
                        insights.add(insight);
                    }

                    @Override
                    public void failed(String sensor, String model, String why) {
                        throw new AssertionError(why);
                    }
                });
        feed(new Vibration(11).condition(Vibration.Condition.NORMAL).shaftHz(27), 3, 0);
        feed(new Vibration(11).condition(Vibration.Condition.BEARING_FAULT).shaftHz(27), 3, 3);
        assertEquals(List.of("normal", "normal", "normal", "unusual", "unusual", "unusual"),
                insights.stream().map(Insight::label).toList());
        assertTrue(insights.stream().allMatch(i -> i.model().equals("pump-watch") && i.inferNanos() > 0));
        lane.add(new Window("pump", List.of("accel.x", "accel.y"), "g", 0, 1000, new float[LaneTest.CHUNK * 2]));
        assertEquals(1, counters.rejected.sum(), "a window of two channels");
    }

    /** {@code windows} analysis windows of 1024 frames at 1 kHz, in chunks as a FIFO delivers them. */
    private void feed(Vibration machine, int windows, int from) {
        for (int w = 0; w < windows; w++) {
            for (int f = 0; f < LaneTest.FRAMES; f += LaneTest.CHUNK) {
                double t = (from + w) * LaneTest.FRAMES / 1000.0 + f / 1000.0;
                int n = Math.min(LaneTest.CHUNK, LaneTest.FRAMES - f);
                lane.add(new Window("pump", List.of("accel.x", "accel.y", "accel.z"), "g", Math.round(t * 1000), 1000,
                        LaneTest.samples(machine, t, n)));
            }
        }
    }
}
