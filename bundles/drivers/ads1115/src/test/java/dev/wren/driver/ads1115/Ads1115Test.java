package dev.wren.driver.ads1115;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wren.hardware.testing.RecordingBoard;
import dev.wren.hardware.simulator.SimContext;
import dev.wren.hardware.simulator.SimBoard;
import dev.wren.hardware.simulator.SimClock;
import dev.wren.hardware.simulator.chips.Ads1115Chip;

/** The component's life: claim through the Board, reconfigure, refuse bad configurations, release. */
class Ads1115Test {

    private final SimBoard sim = new SimBoard(SimClock.system(), 9);
    private final SimContext bus = new SimContext(sim);
    private final RecordingBoard board = new RecordingBoard(bus);

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void claimsReadsReconfiguresAndReleases() throws Exception {
        Ads1115Chip adc = new Ads1115Chip(sim.clock());
        adc.input(0, 0.75);
        adc.input(1, 1.5);
        sim.plug(1, 0x49, adc);
        Ads1115 c = board.inject(new Ads1115());
        c.activate(Configs.of(Map.of("i2c.address", "0x49", "data.rate.sps", 860)));
        assertEquals(List.of("+0x49 ads1115 'adc'"), board.claims);
        assertEquals(4, c.read().size());

        c.modified(Configs.of(Map.of("i2c.address", "0x49", "data.rate.sps", 860, "channels", "1", "ain1.quantity", "solar",
                "ain1.scale", 4.0)));
        assertEquals(1, board.claims.size(), "same address: the claim is kept");
        assertEquals(Map.of("solar", 6.0), Ads1115ReaderTest.values(c.read()).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> Math.round(e.getValue() * 1000) / 1000.0)));

        c.modified(Configs.of(Map.of("i2c.address", "0x49", "channels", "1,2,", "data.rate.sps", 860)));
        assertEquals(1, board.errors.size());
        assertTrue(board.errors.get(0).contains("channels"), board.errors.get(0));
        assertEquals("solar", c.read().get(0).quantity(), "the last good configuration still runs");

        c.deactivate();
        assertEquals(List.of("+0x49 ads1115 'adc'", "-0x49"), board.claims);
    }

    @Test
    void anInvalidFirstConfigurationDoesNotActivate() throws Exception {
        Ads1115 c = board.inject(new Ads1115());
        assertThrows(IllegalArgumentException.class, () -> c.activate(Configs.of(Map.of("full.scale.v", 3.3))));
        assertEquals(List.of(), board.claims);
    }
}
