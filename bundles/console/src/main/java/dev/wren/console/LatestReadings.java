package dev.wren.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.service.component.annotations.Component;

import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;

/**
 * Keeps the latest reading of every sensor and quantity, and prints them: shell command
 * {@code wren:readings [sensor]}. Memory is bounded by the number of distinct quantities.
 */
@Component(service = ReadingSink.class,
        property = {"osgi.command.scope=wren", "osgi.command.function=readings"})
public class LatestReadings implements ReadingSink {

    private final Map<String, Map<String, Reading>> latest = new ConcurrentSkipListMap<>();

    @Override
    public void accept(List<Reading> readings) {
        Map<String, Reading> bySensor = latest.computeIfAbsent(readings.get(0).sensor(),
                s -> new ConcurrentHashMap<>());
        for (Reading r : readings) {
            bySensor.put(r.quantity(), r);
        }
    }

    /** @return the latest reading of {@code sensor}'s {@code quantity}, or null */
    public Reading latest(String sensor, String quantity) {
        Map<String, Reading> bySensor = latest.get(sensor);
        return bySensor == null ? null : bySensor.get(quantity);
    }

    /** Shell command: all sensors' latest readings. */
    public String readings() {
        return print(null);
    }

    /** Shell command: one sensor's latest readings. */
    public String readings(String sensor) {
        return print(sensor);
    }

    private String print(String only) {
        StringBuilder out = new StringBuilder();
        latest.forEach((sensor, quantities) -> {
            if (only != null && !only.equals(sensor)) {
                return;
            }
            out.append(sensor).append(System.lineSeparator());
            quantities.values().stream().sorted((a, b) -> a.quantity().compareTo(b.quantity()))
                    .forEach(r -> out.append(String.format("  %-28s %16s %-5s %s%n", r.quantity(),
                            Units.format(r.value()), r.unit(), Instant.ofEpochMilli(r.timestamp()))));
        });
        if (out.length() == 0) {
            out.append(only == null ? "no readings yet" : "no readings from " + only);
        }
        return out.toString();
    }
}
