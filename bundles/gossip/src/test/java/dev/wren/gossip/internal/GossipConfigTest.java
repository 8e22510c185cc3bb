package dev.wren.gossip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GossipConfigTest {

    @Test
    void profilesFollowMemberlist() {
        GossipConfig lan = GossipConfig.profile("LAN");
        assertEquals(1_000, lan.probeInterval());
        assertEquals(200, lan.gossipInterval());
        GossipConfig wan = GossipConfig.profile("wan");
        assertEquals(5_000, wan.probeInterval());
        assertEquals(6, wan.suspicionMult());
        assertEquals(16, lan.retransmitLimit(1000));
        assertEquals(20, lan.retransmitLimit(10_000));
        assertEquals(4, lan.stateRetransmitLimit(1000));
        assertEquals(3, lan.stateRetransmitLimit(2), "a small site: at least 3 sends");
    }

    @Test
    void violationsNameTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> GossipConfig.lan().with("probeTimeout", 1_000));
        assertTrue(e.getMessage().startsWith("probeTimeout: must be 1 to 999"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GossipConfig.lan().with("gossipNodes", 0));
        assertTrue(e.getMessage().startsWith("gossipNodes:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GossipConfig.lan().with("nonsense", 0));
        assertTrue(e.getMessage().startsWith("nonsense:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GossipConfig.profile("moon"));
        assertTrue(e.getMessage().startsWith("profile:"), e.getMessage());
    }
}
