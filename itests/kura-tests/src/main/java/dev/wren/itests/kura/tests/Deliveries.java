package dev.wren.itests.kura.tests;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;

/**
 * A sink of one sensor's readings that records, at each delivery, how many reads the sampler had
 * made of the sensor ({@code wren:sensors}). Called in the sampler's thread, {@code reads - deliveries}
 * stays constant while no read fails to reach the sink: that difference growing is a lost reading.
 */
final class Deliveries implements ReadingSink, AutoCloseable {

    private final BundleContext context;
    private final String sensor;
    private final Pattern readCount;
    private final List<Long> offsets = new ArrayList<>();
    private final ServiceRegistration<ReadingSink> registration;

    Deliveries(BundleContext context, String sensor) {
        this.context = context;
        this.sensor = sensor;
        this.readCount = Pattern.compile("(?m)^\\s+" + Pattern.quote(sensor) + "\\s.*?reads (\\d+)");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(ReadingSink.SENSORS_TARGET, "(sensor.id=" + sensor + ")");
        registration = context.registerService(ReadingSink.class, this, props);
    }

    @Override
    public void accept(List<Reading> readings) {
        if (readings.stream().noneMatch(r -> r.sensor().equals(sensor))) {
            return;
        }
        Matcher m = readCount.matcher(KuraTestBase.command(context, "sensors"));
        long reads = m.find() ? Long.parseLong(m.group(1)) : -1;
        synchronized (offsets) {
            offsets.add(reads - (offsets.size() + 1));
        }
    }

    int count() {
        synchronized (offsets) {
            return offsets.size();
        }
    }

    /** @return every distinct {@code reads - deliveries} seen: one value when nothing was lost */
    List<Long> distinctOffsets() {
        synchronized (offsets) {
            return offsets.stream().distinct().toList();
        }
    }

    /** Waits for {@code more} deliveries beyond the present ones. */
    void awaitMore(int more) throws InterruptedException {
        int target = count() + more;
        KuraTestBase.await(more + " more readings of " + sensor, () -> count() >= target,
                () -> KuraTestBase.command(context, "sensors"));
    }

    @Override
    public void close() {
        registration.unregister();
    }
}
