package dev.wren.dashboard.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.stream.JsonWriter;

import dev.wren.config.RefusedSettings;
import dev.wren.inference.Insight;
import dev.wren.inference.Model;
import dev.wren.peer.Member;
import dev.wren.power.PowerMode;
import dev.wren.power.PowerState;
import dev.wren.sensor.Quantity;
import dev.wren.sensor.Sensor;
import dev.wren.store.Backlog;
import dev.wren.store.OutboxStats;

/** Writes the status document ({@link dev.wren.dashboard.Dashboard#status()}); layout in docs/dashboard.md. */
final class StatusJson {

    private final Device device;
    private final Readings readings;
    private final Notices notices;
    private final Insights insights;
    private final long stalePeriods;

    StatusJson(Device device, Readings readings, Notices notices, Insights insights, long stalePeriods) {
        this.device = device;
        this.readings = readings;
        this.notices = notices;
        this.insights = insights;
        this.stalePeriods = stalePeriods;
    }

    String write(Sources s, long now) {
        StringWriter out = new StringWriter(8192);
        try (JsonWriter w = new JsonWriter(out)) {
            w.setSerializeNulls(false);
            w.beginObject();
            w.name("time").value(now);
            device(w, s, now);
            power(w, s, now);
            sensors(w, s, now);
            outbox(w, s, now);
            uplink(w, s, now);
            models(w, s);
            insights(w);
            peers(w, s);
            refused(w, s);
            w.endObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private void device(JsonWriter w, Sources s, long now) throws IOException {
        w.name("device").beginObject();
        Object profile = s.board() == null ? null : s.board().get("board.profile");
        w.name("board").value(profile == null ? null : String.valueOf(profile));
        for (Map.Entry<String, Object> f : device.figures().entrySet()) {
            value(w.name(f.getKey()), f.getValue());
        }
        Series hottest = null;
        for (String sensor : readings.sensors()) {
            for (Series series : readings.of(sensor)) {
                if (series.quantity.startsWith(Quantity.THERMAL_PREFIX)
                        && (hottest == null || series.latest().value() > hottest.latest().value())) {
                    hottest = series;
                }
            }
        }
        if (hottest != null) {
            w.name("temperature_c").value(hottest.latest().value());
            w.name("temperature_from").value(hottest.sensor + "/" + hottest.quantity);
        }
        w.endObject();
    }

    private static void power(JsonWriter w, Sources s, long now) throws IOException {
        PowerState p = s.power();
        if (p == null) {
            return;
        }
        w.name("power").beginObject();
        w.name("mode").value(p.mode().name());
        w.name("reason").value(p.reason());
        w.name("since").value(p.since().toEpochMilli());
        Object tte = s.powerProperties().get(PowerState.TIME_TO_EMPTY);
        if (tte instanceof Number n) {
            w.name("hours_to_empty").value(n.doubleValue());
        }
        w.endObject();
    }

    private void sensors(JsonWriter w, Sources s, long now) throws IOException {
        Map<String, Map<String, Object>> registered = new TreeMap<>();
        for (Map<String, Object> p : s.sensors()) {
            Object id = p.get(Sensor.ID);
            if (id != null) {
                registered.put(String.valueOf(id), p);
            }
        }
        List<String> ids = new ArrayList<>(registered.keySet());
        for (String id : readings.sensors()) {
            if (!registered.containsKey(id)) {
                ids.add(id);
            }
        }
        PowerMode mode = s.power() == null ? PowerMode.FULL : s.power().mode();
        w.name("sensors").beginArray();
        for (String id : ids) {
            Map<String, Object> props = registered.get(id);
            w.beginObject();
            w.name("id").value(id);
            w.name("kind").value(props == null ? null : String.valueOf(props.get(Sensor.KIND)));
            w.name("registered").value(props != null);
            Double q = readings.quality(id);
            Notices.Fault f = notices.fault(id);
            boolean faulted = f != null || (q != null && q < 1);
            w.name("quality").value(faulted ? "faulted" : q != null || !readings.of(id).isEmpty() ? "good" : "unknown");
            if (f != null) {
                w.name("fault").beginObject().name("kind").value(f.fault()).name("message").value(f.message())
                        .name("since").value(f.since()).endObject();
            } else if (q != null && q < 1) {
                w.name("fault").beginObject().name("kind").value("FAULTED")
                        .name("message").value("faulted before the dashboard started").endObject();
            }
            long own = ownPeriod(props, mode);
            if (own >= 0) {
                w.name("period_ms").value(own);
            }
            w.name("values").beginArray();
            for (Series series : readings.of(id)) {
                Series.Latest l = series.latest();
                long age = Math.max(0, now - l.at());
                long expected = own > 0 ? own : l.interval() > 0 ? l.interval() : 60_000;
                w.beginObject();
                w.name("quantity").value(series.quantity);
                w.name("value").value(l.value());
                w.name("unit").value(l.unit());
                w.name("at").value(l.at());
                w.name("age_ms").value(age);
                w.name("stale").value(own != 0 && age > stalePeriods * Math.max(expected, 1_000));
                w.endObject();
            }
            w.endArray();
            if (own == 0) {
                w.name("paused").value("not read in " + mode);
            }
            w.endObject();
        }
        w.endArray();
        w.name("trend_series").value(readings.seriesCount());
        w.name("trend_series_dropped").value(readings.dropped());
    }

    /** @return the sensor's own period in {@code mode} (0: not read in it), or -1 if it sets none */
    private static long ownPeriod(Map<String, Object> props, PowerMode mode) {
        if (props == null) {
            return -1;
        }
        Object v = props.get(Sensor.periodProperty(mode));
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return v == null ? -1 : Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void outbox(JsonWriter w, Sources s, long now) throws IOException {
        if (s.outbox() == null) {
            return;
        }
        OutboxStats st = s.outbox().stats();
        Backlog b = s.outbox().backlog();
        w.name("outbox").beginObject();
        w.name("held").value(st.stored());
        w.name("held_bytes").value(st.storedBytes());
        w.name("in_flight").value(st.inFlight());
        long oldest = b.oldest();
        if (oldest > 0) {
            w.name("oldest_age_ms").value(Math.max(0, now - oldest));
        }
        w.name("accepted").value(st.accepted());
        w.name("delivered").value(st.delivered());
        w.name("rejected").value(st.rejected());
        w.name("evicted").value(st.evicted());
        w.name("expired").value(st.expired());
        w.name("resent").value(st.resent());
        w.name("priorities").beginArray();
        for (Backlog.Level l : b.levels()) {
            if (l.messages() == 0) {
                continue;
            }
            w.beginObject().name("priority").value(l.priority()).name("messages").value(l.messages())
                    .name("bytes").value(l.bytes());
            if (l.oldest() > 0) {
                w.name("oldest_age_ms").value(Math.max(0, now - l.oldest()));
            }
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }

    private static void uplink(JsonWriter w, Sources s, long now) throws IOException {
        if (s.uplink() == null) {
            return;
        }
        w.name("uplink").beginObject();
        w.name("state").value(s.uplink().state().name());
        w.name("reason").value(s.uplink().reason());
        w.name("since").value(s.uplink().since().toEpochMilli());
        if (s.outbox() != null) {
            OutboxStats st = s.outbox().stats();
            w.name("acknowledged").value(st.delivered());
            w.name("in_flight").value(st.inFlight());
            w.name("resent").value(st.resent());
        }
        w.endObject();
    }

    private void models(JsonWriter w, Sources s) throws IOException {
        Map<String, List<Map<String, Object>>> byName = new TreeMap<>();
        for (Map<String, Object> p : s.models()) {
            byName.computeIfAbsent(String.valueOf(p.get(Model.NAME)), n -> new ArrayList<>()).add(p);
        }
        for (String refused : notices.refusals().keySet()) {
            byName.putIfAbsent(refused, List.of());
        }
        w.name("models").beginArray();
        for (Map.Entry<String, List<Map<String, Object>>> e : byName.entrySet()) {
            w.beginObject().name("name").value(e.getKey());
            w.name("versions").beginArray();
            for (Map<String, Object> p : e.getValue()) {
                w.beginObject();
                w.name("version").value(String.valueOf(p.get(Model.VERSION)));
                w.name("role").value(String.valueOf(p.get(Model.ROLE)));
                w.name("serving").value(Boolean.TRUE.equals(p.get(Model.SERVING)));
                w.name("canary").value(Boolean.TRUE.equals(p.get(Model.CANARY)));
                w.name("pinned").value(Boolean.TRUE.equals(p.get(Model.PINNED)));
                w.endObject();
            }
            w.endArray();
            map(w, "canary_verdict", notices.verdict(e.getKey()));
            map(w, "refused", notices.refusal(e.getKey()));
            Insights.Budget b = insights.budget(e.getKey());
            if (b != null) {
                double[] m = b.medianMicros();
                w.name("latency_us").beginObject().name("pre").value(m[0]).name("infer").value(m[1])
                        .name("post").value(m[2]).name("runs").value(b.count()).endObject();
            }
            w.endObject();
        }
        w.endArray();
    }

    private void insights(JsonWriter w) throws IOException {
        w.name("insights").beginArray();
        for (Insight i : insights.latest()) {
            w.beginObject().name("at").value(i.timestamp()).name("sensor").value(i.sensor())
                    .name("model").value(i.model()).name("version").value(i.modelVersion())
                    .name("label").value(i.label()).name("score").value((double) i.score())
                    .name("severity").value(i.severity()).endObject();
        }
        w.endArray();
    }

    private static void peers(JsonWriter w, Sources s) throws IOException {
        if (s.peers() == null) {
            return;
        }
        Member self;
        List<Member> members;
        try {
            self = s.peers().self();
            members = s.peers().members();
        } catch (IllegalStateException stopped) {
            return;
        }
        w.name("peers").beginObject();
        w.name("self").value(self.id());
        w.name("members").beginArray();
        for (Member m : members) {
            w.beginObject().name("id").value(m.id()).name("address").value(m.address())
                    .name("status").value(m.status().name()).name("self").value(m.id().equals(self.id()));
            w.name("state").beginObject();
            for (Map.Entry<String, String> kv : new TreeMap<>(m.state()).entrySet()) {
                w.name(kv.getKey()).value(kv.getValue());
            }
            w.endObject();
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }

    private static void refused(JsonWriter w, Sources s) throws IOException {
        w.name("refused").beginArray();
        if (s.refused() != null) {
            for (RefusedSettings.Refusal r : s.refused().current()) {
                w.beginObject().name("pid").value(r.pid()).name("property").value(r.property())
                        .name("value").value(r.value()).name("reason").value(r.reason()).name("rule").value(r.rule())
                        .name("running").value(r.running()).name("at").value(r.at()).endObject();
            }
        }
        w.endArray();
    }

    private static void map(JsonWriter w, String name, Map<String, Object> m) throws IOException {
        if (m == null) {
            return;
        }
        w.name(name).beginObject();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            value(w.name(e.getKey()), e.getValue());
        }
        w.endObject();
    }

    private static void value(JsonWriter w, Object v) throws IOException {
        if (v == null) {
            w.nullValue();
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                w.nullValue();
            } else {
                w.value(n);
            }
        } else if (v instanceof Boolean b) {
            w.value(b);
        } else {
            w.value(String.valueOf(v));
        }
    }
}
