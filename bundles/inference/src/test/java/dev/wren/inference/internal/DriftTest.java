package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.wren.hardware.simulator.Vibration;
import dev.wren.inference.Insight;

/**
 * Drift from the training distribution, on the simulated pump through the shipped models: the
 * models were trained on shaft speeds of 20 to 40 Hz, noise of 0.005 to 0.03 g and fault severities
 * of 0.3 to 2; a pump inside those raises nothing, one outside them a drift insight, and its return
 * an in-range one.
 */
class DriftTest {

    private final Registry registry = new Registry((n, w) -> { });
    private TestLane lane;

    @BeforeEach
    void models() throws Exception {
        registry.settings(new Registry.Settings(Map.of(), false, 10, 0.9));
        registry.add(Fixtures.model("vibration-trigger").load(1));
        registry.add(Fixtures.model("vibration-classifier").load(2));
        lane = new TestLane(registry, new Drift(30, 0.5));
    }

    @AfterEach
    void close() {
        lane.close();
        registry.close();
    }

    @Test
    void theShippedDescriptorsCarryTheirTrainingRange() {
        Descriptor d = registry.slot("vibration-trigger").serving().descriptor();
        assertEquals(24, d.trainMin().length);
        for (int i = 0; i < 24; i++) {
            assertTrue(d.trainMin()[i] <= d.mean()[i] && d.mean()[i] <= d.trainMax()[i], Drift.name(i));
        }
    }

    @Test
    void aPumpInsideTheTrainingRangeRaisesNoDrift() {
        for (Vibration.Condition c : Vibration.Condition.values()) {
            for (double hz : new double[] {22, 30, 38}) {
                lane.feed(new Vibration(5).condition(c).shaftHz(hz).noiseG(0.02).severity(1), 10);
            }
        }
        assertEquals(List.of(), lane.failures);
        assertEquals(List.of(), lane.drifts, "120 windows inside the training range");
    }

    @ParameterizedTest
    @CsvSource({
        "shaft speed 70 Hz,     70, 0.01, 1",
        "noise 0.3 g,           27, 0.3,  1",
        "fault severity 8,      27, 0.01, 8",
    })
    void aPumpOutsideTheTrainingRangeIsReportedAndItsReturnToo(String what, double hz, double noise, double severity) {
        lane.feed(Vibration.Condition.NORMAL, 30);
        assertEquals(List.of(), lane.drifts);
        lane.feed(new Vibration(5).condition(Vibration.Condition.IMBALANCE).shaftHz(hz).noiseG(noise).severity(severity), 40);
        assertEquals(1, lane.drifts.size(), what + ": " + lane.drifts);
        Drift.Change d = lane.drifts.get(0);
        assertTrue(d.drifting() && d.share() >= 0.5, d.toString());
        Insight drift = lane.insights.stream().filter(i -> i.label().equals(Lane.DRIFT)).findFirst().orElseThrow();
        assertEquals(1, drift.severity());
        assertEquals("vibration-trigger", drift.model());
        assertTrue(drift.changed());

        lane.feed(Vibration.Condition.NORMAL, 40);
        assertEquals(2, lane.drifts.size(), what + ": back in range: " + lane.drifts);
        assertTrue(lane.insights.stream().anyMatch(i -> i.label().equals(Lane.IN_RANGE)));
        System.out.printf("%s: drift after the change, furthest features %s%n", what, d.features());
    }
}
