package dev.wren.itests.process;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

/** When a started gateway is ready: its console answers and reports every Wren component active. */
final class Ready {

    static final int WREN_COMPONENTS = 16;

    private Ready() {
    }

    /** @return milliseconds from process start until every Wren component is active */
    static double await(GatewayProcess gw, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(gw.data.resolve("console-password"))) {
                try {
                    if (Operator.inactive(gw.get("/system/console/components.json"), WREN_COMPONENTS).isEmpty()) {
                        return (System.nanoTime() - gw.startedNanos) / 1e6;
                    }
                } catch (IOException e) {
                    // the console or its components plugin is not there yet
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("gateway not ready within " + timeout.toSeconds() + " s:\n"
                + String.join("\n", gw.output()));
    }
}
