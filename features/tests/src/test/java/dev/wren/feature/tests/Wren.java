package dev.wren.feature.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Wren's packages in install order, and the configuration a Kura snapshot would hold for them. */
final class Wren {

    static final List<String> FEATURES = List.of("dev.wren.feature.base", "dev.wren.feature.drivers",
            "dev.wren.feature.store-and-forward", "dev.wren.feature.inference", "dev.wren.feature.power",
            "dev.wren.feature.gossip", "dev.wren.feature.dashboard", "dev.wren.feature.demo");
    static final List<String> MODELS = List.of("dev.wren.model.vibration-trigger-1.0.0",
            "dev.wren.model.vibration-classifier-1.0.0", "dev.wren.model.vibration-trigger-int8-1.0.0",
            "dev.wren.model.vibration-classifier-int8-1.0.0");
    /** The gateway's own health sensor, read every {@value #PERIOD_MS} ms in every power mode. */
    static final String SENSOR = "gateway";
    static final String PERIOD_MS = "50";

    private Wren() {
    }

    static List<String> all() {
        List<String> out = new ArrayList<>(FEATURES);
        out.addAll(MODELS);
        return out;
    }

    /**
     * The simulated board with the vibration sensor, the sampler, the gateway's health read every
     * {@value #PERIOD_MS} ms, the outbox and its telemetry sink, power and inference: the uplink
     * and gossip stay unconfigured (no broker, no peers here).
     */
    static void configure(KuraSet kura) throws Exception {
        for (String pid : List.of("dev.wren.hardware.simulator.Simulator", "dev.wren.hardware.platform.Platform",
                "dev.wren.sampling.Sampler", "dev.wren.driver.mpu6050.Mpu6050-vibration", "dev.wren.store.Outbox",
                "dev.wren.store.OutboxSink-telemetry", "dev.wren.power.PowerManager", "dev.wren.inference.Models",
                "dev.wren.inference.Pipeline", "dev.wren.inference.ReadingPipeline", "dev.wren.dashboard.Overview")) {
            kura.configure(pid, Map.of());
        }
        kura.configure("dev.wren.driver.health.Health-gateway", Map.of("sampling.period.full.ms", PERIOD_MS,
                "sampling.period.degraded.ms", PERIOD_MS, "sampling.period.minimal.ms", PERIOD_MS));
    }

    /** Configures, then installs every package in order. */
    static void installAll(KuraSet kura) throws Exception {
        configure(kura);
        for (String p : all()) {
            kura.install(p);
        }
    }
}
