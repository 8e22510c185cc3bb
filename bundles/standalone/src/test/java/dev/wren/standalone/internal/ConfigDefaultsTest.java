package dev.wren.standalone.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class ConfigDefaultsTest {

    @Test
    void thisBundlesOwnDefaultsComeFirstThenTheOthersByName() {
        TreeSet<String> files = new TreeSet<>(ConfigDefaults.ORDER);
        files.addAll(List.of("dev.wren.uplink.Uplink.cfg", "dev.wren.sampling.Sampler.cfg",
                "dev.wren.standalone.WebConsoleAccess.cfg", "dev.wren.console.LogSink-health.cfg",
                "dev.wren.standalone.LogWriter.cfg"));
        assertEquals(List.of("dev.wren.standalone.LogWriter.cfg", "dev.wren.standalone.WebConsoleAccess.cfg",
                "dev.wren.console.LogSink-health.cfg", "dev.wren.sampling.Sampler.cfg", "dev.wren.uplink.Uplink.cfg"),
                List.copyOf(files));
    }
}
