package dev.wren.dashboard.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import dev.wren.inference.Model;
import dev.wren.peer.Member;
import dev.wren.peer.PeerChannel;
import dev.wren.peer.Traffic;
import dev.wren.power.PowerMode;
import dev.wren.power.PowerState;
import dev.wren.store.Backlog;
import dev.wren.store.OutboxStats;
import dev.wren.uplink.Uplink;

/** The metrics ({@link dev.wren.dashboard.Dashboard#metrics()}), written by the Prometheus client's text format writer; names in docs/dashboard.md. */
final class MetricsText {

    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private final Device device;
    private final Readings readings;
    private final Notices notices;
    private final Insights insights;

    MetricsText(Device device, Readings readings, Notices notices, Insights insights) {
        this.device = device;
        this.readings = readings;
        this.notices = notices;
        this.insights = insights;
    }

    byte[] write(Sources s, long now) {
        List<MetricSnapshot> all = new ArrayList<>();
        readings(all, now);
        device(all);
        power(all, s);
        outbox(all, s, now);
        uplink(all, s);
        models(all, s);
        peers(all, s);
        all.add(gauge("wren_config_refused", "Settings the configuration guard refuses now (the component runs another value)",
                List.of(point(Labels.EMPTY, s.refused() == null ? 0 : s.refused().current().size()))));
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        try {
            WRITER.write(out, new MetricSnapshots(all), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private void readings(List<MetricSnapshot> all, long now) {
        List<GaugeDataPointSnapshot> values = new ArrayList<>();
        List<GaugeDataPointSnapshot> ages = new ArrayList<>();
        List<GaugeDataPointSnapshot> faulted = new ArrayList<>();
        for (String sensor : readings.sensors()) {
            for (Series series : readings.of(sensor)) {
                Series.Latest l = series.latest();
                Labels labels = Labels.of("sensor", sensor, "quantity", series.quantity, "unit", l.unit());
                values.add(point(labels, l.value()));
                ages.add(point(Labels.of("sensor", sensor, "quantity", series.quantity), Math.max(0, now - l.at()) / 1e3));
            }
            Double q = readings.quality(sensor);
            boolean bad = notices.fault(sensor) != null || (q != null && q < 1);
            faulted.add(point(Labels.of("sensor", sensor), bad ? 1 : 0));
        }
        all.add(gauge("wren_reading", "Latest value of each sensor's quantity, in the unit labelled", values));
        all.add(gauge("wren_reading_age_seconds", "Time since the latest value of each sensor's quantity", ages));
        all.add(gauge("wren_sensor_faulted", "1 while the sampler holds the sensor faulted", faulted));
        all.add(counter("wren_readings_received", "Readings the dashboard received since it started", Labels.EMPTY, readings.received()));
        all.add(gauge("wren_dashboard_trend_bytes", "Memory held by the dashboard's trend rings",
                List.of(point(Labels.EMPTY, readings.bytes()))));
    }

    private void device(List<MetricSnapshot> all) {
        Map<String, Object> f = device.figures();
        List<GaugeDataPointSnapshot> points = new ArrayList<>();
        for (String name : new String[] {"gateway_uptime_s", "process_cpu_percent", "load_1m", "heap_used_bytes",
            "heap_max_bytes", "rss_bytes", "memory_available_bytes", "memory_total_bytes", "disk_free_bytes",
            "disk_total_bytes"}) {
            if (f.get(name) instanceof Number n) {
                points.add(point(Labels.of("figure", name), n.doubleValue()));
            }
        }
        all.add(gauge("wren_device", "The gateway process and its machine (unit in the figure's name)", points));
    }

    private static void power(List<MetricSnapshot> all, Sources s) {
        PowerState p = s.power();
        if (p == null) {
            return;
        }
        List<GaugeDataPointSnapshot> modes = new ArrayList<>();
        for (PowerMode m : PowerMode.values()) {
            modes.add(point(Labels.of("mode", m.name()), p.mode() == m ? 1 : 0));
        }
        all.add(gauge("wren_power_mode", "1 for the power mode in force", modes));
        if (s.powerProperties().get(PowerState.TIME_TO_EMPTY) instanceof Number n) {
            all.add(gauge("wren_power_hours_to_empty", "Battery time left at the current mode's draw",
                    List.of(point(Labels.EMPTY, n.doubleValue()))));
        }
    }

    private static void outbox(List<MetricSnapshot> all, Sources s, long now) {
        if (s.outbox() == null) {
            return;
        }
        OutboxStats st = s.outbox().stats();
        Backlog b = s.outbox().backlog();
        List<GaugeDataPointSnapshot> held = new ArrayList<>();
        List<GaugeDataPointSnapshot> ages = new ArrayList<>();
        for (Backlog.Level l : b.levels()) {
            Labels labels = Labels.of("priority", Integer.toString(l.priority()));
            held.add(point(labels, l.messages()));
            if (l.oldest() > 0) {
                ages.add(point(labels, Math.max(0, now - l.oldest()) / 1e3));
            }
        }
        all.add(gauge("wren_outbox_messages", "Messages held per priority (0 most urgent), in flight included", held));
        all.add(gauge("wren_outbox_oldest_age_seconds", "Age of the oldest message held per priority", ages));
        all.add(gauge("wren_outbox_bytes", "Payload bytes held", List.of(point(Labels.EMPTY, st.storedBytes()))));
        all.add(gauge("wren_outbox_in_flight", "Messages handed to the uplink and not yet acknowledged",
                List.of(point(Labels.EMPTY, st.inFlight()))));
        all.add(counter("wren_outbox_accepted", "Messages stored", Labels.EMPTY, st.accepted()));
        all.add(counter("wren_outbox_rejected", "Messages refused (full, invalid, too large)", Labels.EMPTY, st.rejected()));
        all.add(counter("wren_outbox_delivered", "Messages the broker acknowledged", Labels.EMPTY, st.delivered()));
        all.add(counter("wren_outbox_evicted", "Messages evicted to make room", Labels.EMPTY, st.evicted()));
        all.add(counter("wren_outbox_expired", "Messages past their time to live", Labels.EMPTY, st.expired()));
        all.add(counter("wren_outbox_resent", "Messages handed out again after a lost connection", Labels.EMPTY, st.resent()));
    }

    private static void uplink(List<MetricSnapshot> all, Sources s) {
        if (s.uplink() == null) {
            return;
        }
        List<GaugeDataPointSnapshot> states = new ArrayList<>();
        for (Uplink.State st : Uplink.State.values()) {
            states.add(point(Labels.of("state", st.name()), s.uplink().state() == st ? 1 : 0));
        }
        all.add(gauge("wren_uplink_state", "1 for the uplink's state", states));
    }

    private void models(List<MetricSnapshot> all, Sources s) {
        List<GaugeDataPointSnapshot> versions = new ArrayList<>();
        for (Map<String, Object> p : s.models()) {
            String role = Boolean.TRUE.equals(p.get(Model.SERVING)) ? "serving"
                    : Boolean.TRUE.equals(p.get(Model.CANARY)) ? "canary" : "installed";
            versions.add(point(Labels.of("model", String.valueOf(p.get(Model.NAME)), "version",
                    String.valueOf(p.get(Model.VERSION)), "role", role, "pinned",
                    String.valueOf(Boolean.TRUE.equals(p.get(Model.PINNED)))), 1));
        }
        all.add(gauge("wren_model", "Each model version installed and validated, with its role", versions));
        HistogramSnapshot.Builder h = HistogramSnapshot.builder().name("wren_inference_latency_seconds")
                .help("Time per window in each stage of the latency budget: pre (features), infer (model), post (decision)");
        List<CounterDataPointSnapshot> runs = new ArrayList<>();
        double[] bounds = new double[Insights.BOUNDS.length + 1];
        System.arraycopy(Insights.BOUNDS, 0, bounds, 0, Insights.BOUNDS.length);
        bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, Insights.Budget> e : new java.util.TreeMap<>(insights.budgets()).entrySet()) {
            Insights.Budget b = e.getValue();
            for (int stage = 0; stage < Insights.STAGES.length; stage++) {
                h.dataPoint(HistogramDataPointSnapshot.builder()
                        .labels(Labels.of("model", e.getKey(), "stage", Insights.STAGES[stage]))
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, b.buckets(stage)))
                        .sum(b.sum(stage)).build());
            }
            runs.add(CounterDataPointSnapshot.builder().labels(Labels.of("model", e.getKey())).value(b.count()).build());
        }
        all.add(h.build());
        CounterSnapshot.Builder c = CounterSnapshot.builder().name("wren_inference_insights")
                .help("Insights each model produced since the dashboard started");
        runs.forEach(c::dataPoint);
        all.add(c.build());
    }

    private static void peers(List<MetricSnapshot> all, Sources s) {
        if (s.peers() == null) {
            return;
        }
        long[] count = new long[Member.Status.values().length];
        Traffic t;
        try {
            for (Member m : s.peers().members()) {
                count[m.status().ordinal()]++;
            }
            t = s.peers().traffic();
        } catch (IllegalStateException stopped) {
            return;
        }
        all.add(counter("wren_gossip_packets_in", "Gossip packets accepted (authentic, fresh, well formed)", Labels.EMPTY, t.packetsIn()));
        all.add(counter("wren_gossip_packets_out", "Gossip packets sent", Labels.EMPTY, t.packetsOut()));
        all.add(counter("wren_gossip_bytes_in", "Bytes of the gossip packets accepted", Labels.EMPTY, t.bytesIn()));
        all.add(counter("wren_gossip_bytes_out", "Bytes of the gossip packets sent", Labels.EMPTY, t.bytesOut()));
        all.add(counter("wren_gossip_packets_dropped", "Gossip packets dropped (not authentic, replayed, malformed)", Labels.EMPTY, t.dropped()));
        all.add(counter("wren_gossip_suspicions", "Members this gateway suspected after its own failed probes", Labels.EMPTY, t.suspicions()));
        all.add(counter("wren_gossip_refutes", "Times this gateway refuted a suspicion about itself", Labels.EMPTY, t.refutes()));
        all.add(counter("wren_gossip_deaths", "Members this gateway declared dead", Labels.EMPTY, t.deaths()));
        List<GaugeDataPointSnapshot> points = new ArrayList<>();
        for (Member.Status st : Member.Status.values()) {
            points.add(point(Labels.of("status", st.name()), count[st.ordinal()]));
        }
        all.add(gauge("wren_peers", "Members of the site known to this gateway's gossip, by status", points));
        channel(all, s.channel());
    }

    /** Totals over the members, so the series stay few on a large site; {@code wren:peers} has them per member. */
    private static void channel(List<MetricSnapshot> all, PeerChannel channel) {
        if (channel == null) {
            return;
        }
        long[] t = new long[5];
        for (PeerChannel.Link l : channel.links()) {
            t[0] += l.callsOut();
            t[1] += l.callsIn();
            t[2] += l.failures();
            t[3] += l.bytesOut();
            t[4] += l.bytesIn();
        }
        all.add(counter("wren_peer_channel_calls_out", "Calls to other members answered over the peer channel", Labels.EMPTY, t[0]));
        all.add(counter("wren_peer_channel_calls_in", "Calls from other members this gateway answered", Labels.EMPTY, t[1]));
        all.add(counter("wren_peer_channel_failures", "Peer channel calls that failed, both ways", Labels.EMPTY, t[2]));
        all.add(counter("wren_peer_channel_bytes_out", "Request and answer bytes sent on the peer channel (before encryption)", Labels.EMPTY, t[3]));
        all.add(counter("wren_peer_channel_bytes_in", "Bytes received on the peer channel (after decryption)", Labels.EMPTY, t[4]));
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static GaugeSnapshot gauge(String name, String help, List<GaugeDataPointSnapshot> points) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        points.forEach(b::dataPoint);
        return b.build();
    }

    private static CounterSnapshot counter(String name, String help, Labels labels, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(value).build()).build();
    }
}
