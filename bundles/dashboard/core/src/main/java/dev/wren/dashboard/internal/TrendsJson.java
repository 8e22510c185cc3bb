package dev.wren.dashboard.internal;

import java.io.IOException;
import java.io.StringWriter;

import com.google.gson.stream.JsonWriter;

/** Writes the trends document ({@link dev.wren.dashboard.Dashboard#trends()}): {@code [t, mean]} pairs per series. */
final class TrendsJson {

    static String write(Readings readings, long bucketMs, long now) {
        StringWriter out = new StringWriter(16384);
        try (JsonWriter w = new JsonWriter(out)) {
            w.beginObject();
            w.name("time").value(now);
            w.name("bucket_ms").value(bucketMs);
            w.name("series").beginArray();
            for (String sensor : readings.sensors()) {
                for (Series s : readings.of(sensor)) {
                    w.beginObject().name("sensor").value(sensor).name("quantity").value(s.quantity)
                            .name("unit").value(s.latest().unit());
                    w.name("points").beginArray();
                    IOException[] failed = new IOException[1];
                    s.points(now, (t, mean) -> {
                        try {
                            w.beginArray().value(t).value(Float.isFinite(mean) ? (double) mean : 0.0).endArray();
                        } catch (IOException e) {
                            failed[0] = e;
                        }
                    });
                    if (failed[0] != null) {
                        throw failed[0];
                    }
                    w.endArray().endObject();
                }
            }
            w.endArray();
            w.endObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private TrendsJson() {
    }
}
