package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.wren.hardware.simulator.Vibration;

/**
 * The canary against genuinely worse models, built by this project on purpose and run in ONNX
 * Runtime beside the shipped ones on the simulated machine's vibration: a trigger whose output bias
 * was set to -1000 (it agrees with the serving trigger on every quiet window and never fires), a
 * classifier trained on shuffled labels, and, as the control, an honest new version.
 */
class CanaryTest {

    static final int FRAMES = LaneTest.FRAMES;

    private final List<CanaryVerdict> verdicts = new CopyOnWriteArrayList<>();
    private final List<String> changes = new CopyOnWriteArrayList<>();
    private final Registry registry = new Registry(new Registry.Listener() {
        @Override
        public void changed(String name, String what) {
            changes.add(name + ": " + what);
        }

        @Override
        public void judged(CanaryVerdict verdict) {
            verdicts.add(verdict);
        }
    });
    private TestLane lane;
    private List<String> failures;

    @BeforeEach
    void servingModels() throws Exception {
        registry.settings(new Registry.Settings(Map.of(), true, 40, 0.9));
        registry.add(Fixtures.model("vibration-trigger").load(1));
        registry.add(Fixtures.model("vibration-classifier").load(2));
        lane = new TestLane(registry, null);
        failures = lane.failures;
    }

    @AfterEach
    void close() {
        lane.close();
        registry.close();
    }

    @Test
    void aTriggerThatNeverFiresIsRolledBackOnTheFaultsBeforeItIsJudgedOnQuietWindows() throws Exception {
        registry.add(Fixtures.model("vibration-trigger", "1.1.0").load(3));
        assertEquals("1.1.0", registry.slot("vibration-trigger").canary().descriptor().version().toString());
        feed(Vibration.Condition.NORMAL, 2);
        assertEquals(List.of(), failures);
        assertNull(registry.slot("vibration-trigger").canary());
        assertEquals("1.0.0", registry.slot("vibration-trigger").serving().descriptor().version().toString());
        CanaryVerdict v = verdicts.get(0);
        assertFalse(v.promoted());
        assertEquals(0, v.inputs(), "judged before a single live input");
        assertTrue(v.faultCases() >= Registry.MIN_REPLAY, v.toString());
        assertEquals(0.0, v.faultAgreement(), v.toString());
        assertTrue(v.reason().startsWith("decided as the serving version on only 0.0 % of " + v.faultCases()
                + " fault cases"), v.reason());
        assertTrue(changes.contains("vibration-trigger: 1.1.0 rolled back: " + v.reason()), changes.toString());
    }

    @Test
    void aTriggerThatNeverFiresAgreesOnQuietWindowsSoOnlyTheFaultCasesRefuseIt() throws Exception {
        LoadedModel muted = Fixtures.model("vibration-trigger", "1.1.0").load(3);
        muted.ownFaults(List.of());
        registry.slot("vibration-trigger").serving().ownFaults(List.of());
        registry.add(muted);
        feed(Vibration.Condition.NORMAL, 40);
        CanaryVerdict quiet = verdicts.get(0);
        assertEquals(40, quiet.inputs());
        assertEquals(1.0, quiet.agreement(), "the attack of issue 15: it agrees on every quiet window");
        assertEquals(0, quiet.faultCases());
        assertTrue(quiet.promoted(), "with no fault seen and no test vector of faults, nothing tells it apart");

        registry.remove(3);
        LoadedModel again = Fixtures.model("vibration-trigger", "1.1.0").as("1.2.0").load(4);
        again.ownFaults(List.of());
        feed(Vibration.Condition.BEARING_FAULT, 4);
        registry.add(again);
        feed(Vibration.Condition.NORMAL, 1);
        CanaryVerdict refused = verdicts.get(1);
        assertFalse(refused.promoted(), "the live windows the serving trigger fired on, replayed: " + refused);
        assertTrue(refused.faultCases() >= 4, refused.toString());
        assertEquals("1.0.0", registry.slot("vibration-trigger").serving().descriptor().version().toString());
    }

    @Test
    void aClassifierTrainedOnShuffledLabelsIsRolledBackAndTheVerdictSaysWhy() throws Exception {
        registry.add(Fixtures.model("vibration-classifier", "1.1.0").load(3));
        feed(Vibration.Condition.BEARING_FAULT, 4);
        assertEquals(List.of(), failures);
        assertEquals("1.0.0", registry.slot("vibration-classifier").serving().descriptor().version().toString());
        CanaryVerdict v = verdicts.get(0);
        assertEquals("vibration-classifier", v.name());
        assertEquals("1.1.0", v.version());
        assertEquals("1.0.0", v.serving());
        assertFalse(v.promoted());
        assertTrue(v.faultAgreement() < 0.9, v.toString());
        assertTrue(registry.slot("vibration-classifier").describe().get(0).startsWith("1.1.0 fp32 bundle 3: ROLLED BACK"),
                registry.slot("vibration-classifier").describe().toString());
    }

    @Test
    void anHonestNewVersionIsPromotedWithItsAgreementFaultCasesAndLatency() throws Exception {
        registry.add(Fixtures.model("vibration-classifier").as("1.1.0").load(3));
        for (Vibration.Condition c : Vibration.Condition.values()) {
            if (c != Vibration.Condition.NORMAL) {
                feed(c, 14);
            }
        }
        assertEquals(List.of(), failures);
        CanaryVerdict v = verdicts.get(0);
        assertTrue(v.promoted(), v.toString());
        assertEquals(40, v.inputs());
        assertEquals(1.0, v.agreement());
        assertTrue(v.faultCases() >= 40, v.toString());
        assertEquals(1.0, v.faultAgreement());
        assertTrue(v.canaryMicros() > 0 && v.servingMicros() > 0, v.toString());
        assertEquals("1.1.0", registry.slot("vibration-classifier").serving().descriptor().version().toString());
    }

    private void feed(Vibration.Condition condition, int windows) {
        lane.feed(condition, windows);
    }
}
