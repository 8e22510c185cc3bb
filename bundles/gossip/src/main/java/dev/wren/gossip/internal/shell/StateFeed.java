package dev.wren.gossip.internal.shell;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.wren.gossip.internal.Node;
import dev.wren.inference.Model;
import dev.wren.power.PowerState;
import dev.wren.store.Outbox;
import dev.wren.uplink.Uplink;

/**
 * What this gateway says about itself, read from whatever services are installed (each one is
 * optional; a key whose source is absent is removed): {@value #MODE} (the power mode),
 * {@value #LOAD} (the 1-minute load average per core, one decimal, rewritten only when it moved by
 * {@value #LOAD_STEP} or more), {@value #OUTBOX} (messages held as a power of ten: 0, 1, 10,
 * 100...), {@value #UPLINK} (the uplink's state) and {@value #MODELS} (the serving models,
 * {@code name@version} sorted, cut at 255 bytes). Written only when a value changes, and coarse so
 * that it rarely does: every write is sent to every gateway of the site.
 */
final class StateFeed {

    static final String MODE = "mode";
    static final String LOAD = "load";
    static final String OUTBOX = "outbox";
    static final String UPLINK = "uplink";
    static final String MODELS = "models";
    static final double LOAD_STEP = 0.15;

    final Map<Object, Map<String, Object>> models = new ConcurrentHashMap<>();
    private double lastLoad = -1;

    /** Writes every key that changed; the caller holds the node's monitor; any source may be null. */
    void refresh(Node node, long now, PowerState power, Outbox outbox, Uplink uplink) {
        put(node, MODE, power == null ? null : power.mode().name(), now);
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                / Runtime.getRuntime().availableProcessors();
        if (load < 0 || lastLoad < 0 || Math.abs(load - lastLoad) >= LOAD_STEP) {
            lastLoad = load;
            put(node, LOAD, load < 0 ? null : String.format(Locale.ROOT, "%.1f", load), now);
        }
        put(node, OUTBOX, outbox == null ? null : Long.toString(decade(outbox.stats().stored())), now);
        put(node, UPLINK, uplink == null ? null : uplink.state().name(), now);
        TreeSet<String> serving = new TreeSet<>();
        models.values().forEach(m -> {
            if (Boolean.parseBoolean(String.valueOf(m.get(Model.SERVING)))) {
                serving.add(m.get(Model.NAME) + "@" + m.get(Model.VERSION));
            }
        });
        String held = cut(String.join(",", serving));
        put(node, MODELS, held.isEmpty() ? null : held, now);
    }

    private static void put(Node node, String key, String value, long now) {
        if (value == null) {
            node.remove(key, now);
        } else {
            node.publish(key, value, now);
        }
    }

    /** @return the largest power of ten not above {@code n}, 0 for 0: 1234 -> 1000 */
    static long decade(long n) {
        long d = n > 0 ? 1 : 0;
        while (d > 0 && n / d >= 10) {
            d *= 10;
        }
        return d;
    }

    private static String cut(String s) {
        while (s.getBytes(StandardCharsets.UTF_8).length > 255) {
            s = s.substring(0, Math.max(0, s.lastIndexOf(',')));
        }
        return s;
    }
}
