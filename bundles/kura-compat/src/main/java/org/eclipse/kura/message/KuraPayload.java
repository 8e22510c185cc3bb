package org.eclipse.kura.message;

import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Kura's message payload: a timestamp, named metrics and an optional binary body. Same
 * constructor and methods as Kura's (the position accessors, which need {@code KuraPosition},
 * are left out of this stand-in).
 */
public class KuraPayload {

    private Date timestamp;
    private final Map<String, Object> metrics = new HashMap<>();
    private byte[] body;

    public KuraPayload() {
    }

    public Date getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(Date timestamp) {
        this.timestamp = timestamp;
    }

    public Object getMetric(String name) {
        return metrics.get(name);
    }

    public void addMetric(String name, Object value) {
        metrics.put(name, value);
    }

    public void removeMetric(String name) {
        metrics.remove(name);
    }

    public void removeAllMetrics() {
        metrics.clear();
    }

    public Set<String> metricNames() {
        return Collections.unmodifiableSet(metrics.keySet());
    }

    public Iterator<String> metricsIterator() {
        return metrics.keySet().iterator();
    }

    public Map<String, Object> metrics() {
        return Collections.unmodifiableMap(metrics);
    }

    public byte[] getBody() {
        return body;
    }

    public void setBody(byte[] body) {
        this.body = body;
    }
}
