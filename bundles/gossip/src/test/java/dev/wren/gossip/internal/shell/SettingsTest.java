package dev.wren.gossip.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wren.gossip.internal.GossipConfig;

/** The gossip component's configuration rules: each refusal names its property, keys never show. */
class SettingsTest {

    private static final String KEY = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    /** A Config with the annotation's defaults, {@code values} (by property name) replacing some. */
    static Gossip.Config config(Map<String, Object> values) {
        return (Gossip.Config) Proxy.newProxyInstance(Gossip.Config.class.getClassLoader(),
                new Class<?>[] {Gossip.Config.class}, (proxy, method, args) -> {
                    String property = method.getName().replace('_', '.');
                    Object v = values.containsKey(property) ? values.get(property) : method.getDefaultValue();
                    // as Declarative Services converts a scalar for an array attribute
                    return v instanceof String one && method.getReturnType() == String[].class ? new String[] {one} : v;
                });
    }

    private static Settings of(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        m.put("cluster.keys", KEY);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return Settings.of(config(m));
    }

    private static String refused(Object... pairs) {
        return assertThrows(IllegalArgumentException.class, () -> of(pairs)).getMessage();
    }

    @Test
    void theDefaultsListenOnLoopbackWithTheLanProfile() {
        Settings s = of("node.id", "gw-1", "seeds", new String[] {"10.0.0.2:7946, 10.0.0.3:7946", ""});
        assertEquals("127.0.0.1", s.bind().getAddress().getHostAddress());
        assertEquals("127.0.0.1:7946", s.advertise());
        assertEquals(List.of("10.0.0.2:7946", "10.0.0.3:7946"), s.seeds());
        assertEquals(GossipConfig.lan(), s.protocol());
        assertFalse(s.toString().contains(KEY));
        assertEquals(2_000, of("probe.interval.ms", 2_000L).protocol().probeInterval());
        assertEquals(of("node.id", "gw-1"), of("node.id", "gw-1"), "an unchanged configuration does not restart the node");
    }

    @Test
    void everyRefusalNamesItsProperty() {
        assertTrue(refused("cluster.keys", "").startsWith("cluster.keys: required, there is no default key"));
        assertTrue(refused("cluster.keys", "c2hvcnQ=").startsWith("cluster.keys: key 1 must be 16, 24 or 32 bytes"));
        assertTrue(refused("cluster.keys", KEY + ",%%%").startsWith("cluster.keys: key 2 is not base64"));
        assertTrue(refused("node.id", "has space").startsWith("node.id:"));
        assertTrue(refused("port", 0).startsWith("port:"));
        assertTrue(refused("bind.address", "0.0.0.0").startsWith("advertise.address: required"));
        assertTrue(refused("bind.address", "8.8.8.8").startsWith("bind.address: must be an address of this gateway"));
        assertTrue(refused("multicast.discovery", true, "multicast.group", "239.255.77.1:99999")
                .startsWith("multicast.group:"));
        assertTrue(refused("advertise.address", "a".repeat(70) + ":7946").startsWith("advertise.address: at most 64"));
        assertTrue(refused("seeds", new String[] {"10.0.0.2"}).startsWith("seeds: must be host:port"));
        assertTrue(refused("profile", "mars").startsWith("profile:"));
        assertTrue(refused("probe.timeout.ms", 5_000L).startsWith("probe.timeout.ms:"));
        assertTrue(refused("state.interval.s", 0L).startsWith("state.interval.s:"));
        assertTrue(refused("multicast.discovery", true, "multicast.group", "10.0.0.1:7947")
                .startsWith("multicast.group: must be an IPv4 multicast group:port"));
        assertEquals(7947, of("multicast.discovery", true).multicast().getPort());
    }

    @Test
    void theOutboxIsSentAsAPowerOfTen() {
        assertEquals(List.of(0L, 1L, 1L, 10L, 10L, 100L, 1000L), List.of(StateFeed.decade(0), StateFeed.decade(1),
                StateFeed.decade(9), StateFeed.decade(10), StateFeed.decade(99), StateFeed.decade(100),
                StateFeed.decade(1234)));
    }
}
