package dev.wren.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

/** Which version serves: highest, pinned, canary promotion and rollback, removal, swaps under load. */
class RegistryTest {

    private static final Fixtures.Files CLASSIFIER = Fixtures.model("vibration-classifier");
    private static final String NAME = "vibration-classifier";

    private final List<String> changes = new CopyOnWriteArrayList<>();
    private final Registry registry = new Registry((name, what) -> changes.add(name + ": " + what));
    private final List<LoadedModel> loaded = new ArrayList<>();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void theHighestVersionServesAndAnyVersionLeavesWithItsBundle() throws Exception {
        registry.settings(new Registry.Settings(Map.of(), false, 10, 0.9));
        LoadedModel v1 = add("1.0.0", 1);
        LoadedModel v3 = add("3.0.0", 3);
        LoadedModel v2 = add("2.0.0", 2);
        assertSame(v3, registry.slot(NAME).serving());
        registry.remove(3);
        assertSame(v2, registry.slot(NAME).serving());
        assertTrue(v3.closed(), "a removed version's session is closed");
        assertEquals(new Version(1, 0, 0), registry.previous(NAME));
        registry.remove(2);
        registry.remove(1);
        assertNull(registry.slot(NAME).acquire());
        assertTrue(v1.closed());
        Loader.Refused twice = assertThrows(Loader.Refused.class, () -> {
            add("4.0.0", 4);
            add("4.0.0", 5);
        });
        assertEquals("version: vibration-classifier 4.0.0 is already installed by bundle 4", twice.getMessage());
    }

    @Test
    void aPinWinsOverHigherVersionsAndLeavingItGoesBackToTheHighest() throws Exception {
        registry.settings(new Registry.Settings(Map.of(NAME, new Version(1, 0, 0)), true, 10, 0.9));
        LoadedModel v1 = add("1.0.0", 1);
        add("2.0.0", 2);
        assertSame(v1, registry.slot(NAME).serving());
        assertNull(registry.slot(NAME).canary(), "no canary while pinned");
        registry.settings(new Registry.Settings(Map.of(), true, 10, 0.9));
        assertEquals("2.0.0", registry.slot(NAME).serving().descriptor().version().toString());
    }

    @Test
    void aCanaryThatAgreesIsPromotedAndOneThatDisagreesIsRolledBack() throws Exception {
        registry.settings(new Registry.Settings(Map.of(), true, 10, 0.8));
        LoadedModel v1 = add("1.0.0", 1);
        LoadedModel v2 = add("2.0.0", 2);
        Registry.Slot slot = registry.slot(NAME);
        assertSame(v1, slot.serving());
        assertSame(v2, slot.canary());
        for (int i = 0; i < 10; i++) {
            slot.verdict(v2, i != 0);
        }
        assertSame(v2, slot.serving(), "9 of 10 agreed, above 80 %");
        assertNull(slot.canary());

        LoadedModel v3 = add("3.0.0", 3);
        assertSame(v3, slot.canary());
        for (int i = 0; i < 10; i++) {
            slot.verdict(v3, i < 5);
        }
        assertSame(v2, slot.serving(), "5 of 10 agreed: rolled back");
        assertTrue(changes.stream().anyMatch(c -> c.contains("3.0.0 rolled back: agreed on 50.0 % of 10 inputs and no fault case to compare on, below 80.0 %")),
                changes.toString());
        assertTrue(slot.describe().get(0).contains("ROLLED BACK"), slot.describe().toString());
        registry.remove(2);
        assertSame(v1, slot.serving(), "a rolled-back version does not serve when the serving one leaves");
    }

    @Test
    void swapsUnderLoadFailNoRunAndCloseEveryRetiredSession() throws Exception {
        registry.settings(new Registry.Settings(Map.of(), false, 10, 0.9));
        add("1.0.0", 1);
        Registry.Slot slot = registry.slot(NAME);
        AtomicBoolean run = new AtomicBoolean(true);
        AtomicLong runs = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread th = new Thread(() -> {
                try (Runner r = new Runner(ai.onnxruntime.OrtEnvironment.getEnvironment(),
                        CLASSIFIER.parsed().input(), CLASSIFIER.parsed().output())) {
                    while (run.get()) {
                        LoadedModel m = slot.acquire();
                        try {
                            r.input().put(new float[24]);
                            r.run(m);
                            runs.incrementAndGet();
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        } finally {
                            m.release();
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            });
            th.start();
            threads.add(th);
        }
        for (int v = 2; v <= 30; v++) {
            add(v + ".0.0", v);
            Thread.sleep(5);
            registry.remove(v - 1);
        }
        run.set(false);
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(0, failures.get(), "failed runs in " + runs.get());
        assertTrue(runs.get() > 100, "runs: " + runs.get());
        for (LoadedModel m : loaded.subList(0, loaded.size() - 1)) {
            assertTrue(m.closed(), m + " still open");
        }
    }

    @Test
    void aBundleUpdatedInPlaceKeepsItsEarlierVersionServingUntilTheNewOnePassesAndForRollback() throws Exception {
        registry.settings(new Registry.Settings(Map.of(), true, 10, 0.8));
        LoadedModel v1 = add("1.0.0", 1);
        LoadedModel v2 = CLASSIFIER.as("2.0.0").load(7).stamp(100);
        loaded.add(v2);
        registry.add(v2);
        Registry.Slot slot = registry.slot(NAME);
        for (int i = 0; i < 10; i++) {
            slot.verdict(v2, true);
        }
        assertSame(v2, slot.serving());
        assertTrue(registry.has(7, 100));
        assertFalse(registry.has(7, 200), "the bundle's new content is not loaded yet");

        assertEquals(List.of(v2), registry.detach(7, 200), "bundle 7 updated in place");
        assertTrue(v2.detached());
        assertSame(v2, slot.serving(), "the version from before the update serves on");
        LoadedModel broken = CLASSIFIER.as("2.0.0").load(7).stamp(200);
        loaded.add(broken);
        Loader.Refused same = assertThrows(Loader.Refused.class, () -> registry.add(broken));
        assertTrue(same.getMessage().contains("updated in place with the same version 2.0.0"), same.getMessage());

        LoadedModel v3 = CLASSIFIER.as("3.0.0").load(7).stamp(300);
        loaded.add(v3);
        registry.detach(7, 300);
        registry.add(v3);
        assertSame(v3, slot.canary(), "the update's version is a canary beside the kept one");
        for (int i = 0; i < 10; i++) {
            slot.verdict(v3, true);
        }
        assertSame(v3, slot.serving());
        assertEquals("2.0.0", registry.previous(NAME).toString(), "the kept version is there to roll back to");

        registry.remove(7, 300);
        assertSame(v2, slot.serving(), "stopped, not updated: the new content's version goes, the kept one serves");
        registry.remove(7);
        assertSame(v1, slot.serving(), "uninstalled: every version of the bundle goes");
        assertTrue(v2.closed() && v3.closed());
    }

    private LoadedModel add(String version, long bundle) throws Exception {
        LoadedModel m = CLASSIFIER.as(version).load(bundle);
        loaded.add(m);
        registry.add(m);
        return m;
    }
}
