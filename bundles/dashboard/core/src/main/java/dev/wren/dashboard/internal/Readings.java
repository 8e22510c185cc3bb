package dev.wren.dashboard.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.wren.sensor.Reading;

/**
 * Every sensor's latest values and trends, fed on the sampler's thread: a map lookup and a few
 * float operations per reading. At most {@code maxSeries} series are kept (memory is bounded);
 * readings of further quantities are counted as dropped, never stored.
 */
final class Readings {

    private final Map<String, Map<String, Series>> bySensor = new ConcurrentHashMap<>();
    private final Map<String, Double> quality = new ConcurrentHashMap<>();
    private final AtomicInteger series = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final int maxSeries;
    private final int buckets;
    private final long bucketMs;

    Readings(int maxSeries, int buckets, long bucketMs) {
        this.maxSeries = maxSeries;
        this.buckets = buckets;
        this.bucketMs = bucketMs;
    }

    void accept(List<Reading> batch) {
        for (Reading r : batch) {
            received.incrementAndGet();
            if (Reading.QUALITY.equals(r.quantity())) {
                quality.put(r.sensor(), r.value());
                continue;
            }
            Map<String, Series> quantities = bySensor.computeIfAbsent(r.sensor(), k -> new ConcurrentHashMap<>());
            Series s = quantities.get(r.quantity());
            if (s == null) {
                s = quantities.computeIfAbsent(r.quantity(), q -> {
                    if (series.incrementAndGet() > maxSeries) {
                        series.decrementAndGet();
                        return null;
                    }
                    return new Series(r.sensor(), q, buckets, bucketMs);
                });
                if (s == null) {
                    dropped.incrementAndGet();
                    continue;
                }
            }
            s.add(r.value(), r.unit(), r.timestamp());
        }
    }

    /** The sensor is gone: its series are freed. */
    void forget(String sensor) {
        Map<String, Series> gone = bySensor.remove(sensor);
        if (gone != null) {
            series.addAndGet(-gone.size());
        }
        quality.remove(sensor);
    }

    /** @return sensor ids with at least one value, sorted */
    List<String> sensors() {
        List<String> ids = new ArrayList<>();
        bySensor.forEach((id, quantities) -> {
            if (!quantities.isEmpty()) {
                ids.add(id);
            }
        });
        ids.sort(null);
        return ids;
    }

    /** @return the sensor's series by quantity name, sorted; empty if none */
    List<Series> of(String sensor) {
        Map<String, Series> m = bySensor.get(sensor);
        if (m == null) {
            return List.of();
        }
        List<Series> list = new ArrayList<>(m.values());
        list.sort((a, b) -> a.quantity.compareTo(b.quantity));
        return list;
    }

    /** @return the sampler's verdict on the sensor: 1 good, 0 faulted, null if never given */
    Double quality(String sensor) {
        return quality.get(sensor);
    }

    int seriesCount() {
        return series.get();
    }

    long dropped() {
        return dropped.get();
    }

    long received() {
        return received.get();
    }

    /** @return bytes held by the trend rings */
    long bytes() {
        long b = 0;
        for (Map<String, Series> m : bySensor.values()) {
            for (Series s : m.values()) {
                b += s.bytes();
            }
        }
        return b;
    }
}
