package dev.wren.dashboard.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.event.Event;

import dev.wren.inference.Model;
import dev.wren.sensor.SensorEvents;

/**
 * What the gateway announced and a viewer needs later: each sensor's fault in force (until it
 * recovers), each model's last canary verdict and last refusal. Bounded by the number of sensors and
 * model names; a name's entry is replaced, never appended.
 */
final class Notices {

    static final String[] TOPICS = {SensorEvents.TOPIC_FAULTED, SensorEvents.TOPIC_RECOVERED,
        Model.TOPIC_CANARY, Model.TOPIC_REFUSED};

    /** A sensor's fault: its kind ({@code TIMEOUT}, {@code IO}, ...), the driver's message, since when. */
    record Fault(String fault, String message, long since) {
    }

    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> verdicts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> refusals = new ConcurrentHashMap<>();
    private static final int MAX_NAMES = 256;

    void handle(Event e) {
        switch (e.getTopic()) {
            case SensorEvents.TOPIC_FAULTED -> {
                String sensor = text(e, SensorEvents.SENSOR);
                if (!sensor.isEmpty() && (faults.size() < MAX_NAMES || faults.containsKey(sensor))) {
                    faults.put(sensor, new Fault(text(e, SensorEvents.FAULT), text(e, SensorEvents.MESSAGE),
                            System.currentTimeMillis()));
                }
            }
            case SensorEvents.TOPIC_RECOVERED -> faults.remove(text(e, SensorEvents.SENSOR));
            case Model.TOPIC_CANARY -> keep(verdicts, e, System.currentTimeMillis());
            case Model.TOPIC_REFUSED -> keep(refusals, e, System.currentTimeMillis());
            default -> { }
        }
    }

    private static void keep(Map<String, Map<String, Object>> into, Event e, long now) {
        String name = text(e, "name");
        if (name.isEmpty() || (into.size() >= MAX_NAMES && !into.containsKey(name))) {
            return;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (String p : e.getPropertyNames()) {
            Object v = e.getProperty(p);
            if (!p.startsWith("event.") && (v instanceof String || v instanceof Number || v instanceof Boolean)) {
                copy.put(p, v instanceof Double d && d.isNaN() ? null : v);
            }
        }
        copy.put("at", now);
        into.put(name, copy);
    }

    private static String text(Event e, String property) {
        Object v = e.getProperty(property);
        return v == null ? "" : String.valueOf(v);
    }

    Fault fault(String sensor) {
        return faults.get(sensor);
    }

    Map<String, Fault> faults() {
        return Map.copyOf(faults);
    }

    Map<String, Object> verdict(String model) {
        return verdicts.get(model);
    }

    Map<String, Object> refusal(String model) {
        return refusals.get(model);
    }

    Map<String, Map<String, Object>> refusals() {
        return Map.copyOf(refusals);
    }
}
