package dev.wren.standalone.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

class RenamedPidsTest {

    @Test
    void theConsolesStandaloneComponentsMovedToThisBundle() {
        assertEquals("dev.wren.standalone.LogWriter", RenamedPids.current("dev.wren.console.LogWriter"));
        assertEquals("dev.wren.standalone.WebConsoleAccess", RenamedPids.current("dev.wren.console.WebConsoleAccess"));
    }

    @Test
    void everyOtherPidIsItself() {
        for (String pid : Set.of("dev.wren.console.LogSink", "dev.wren.standalone.LogWriter", "dev.wren.store.Outbox")) {
            assertEquals(pid, RenamedPids.current(pid));
        }
    }

    @Test
    void everyNewPidIsInThisBundlesNamespace() {
        RenamedPids.RENAMED.values().forEach(pid -> assertEquals("dev.wren.standalone", pid.substring(0, pid.lastIndexOf('.'))));
    }
}
