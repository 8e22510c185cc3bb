package dev.wren.feature.tests;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

/**
 * A ReadingSink registered by the test in the framework (a proxy of the dev.wren.api interface,
 * which lives in the framework): it records, for one sensor, each delivery's time and how many
 * reads the sampler had made of that sensor when it delivered. Read in the sampler's own thread,
 * {@code reads - delivered} stays constant as long as no read of the sensor fails to reach the
 * sink: that difference growing is a lost reading.
 */
final class Readings implements AutoCloseable {

    /** One delivery: arrival time (ns), the sampler's read count of the sensor then, deliveries so far. */
    record Delivery(long nanos, long reads, long delivered) {

        long offset() {
            return reads - delivered;
        }
    }

    private final KuraSet kura;
    private final String sensor;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final ServiceRegistration<?> registration;

    Readings(KuraSet kura, String sensor) throws Exception {
        this.kura = kura;
        this.sensor = sensor;
        Bundle api = kura.bundle("dev.wren.api");
        Class<?> sink = api.loadClass("dev.wren.sensor.ReadingSink");
        Object proxy = Proxy.newProxyInstance(sink.getClassLoader(), new Class<?>[] {sink}, (p, m, args) -> {
            switch (m.getName()) {
                case "accept" -> accept((List<?>) args[0]);
                case "toString" -> {
                    return "test sink of " + sensor;
                }
                case "hashCode" -> {
                    return System.identityHashCode(p);
                }
                case "equals" -> {
                    return p == args[0];
                }
                default -> {
                    // windows and anything else: not counted
                }
            }
            return null;
        });
        // registered in the API bundle's name: the framework hands a service to a consumer only when the
        // registrant sees the same dev.wren.sensor package, which the test's own (system) context does not
        registration = api.getBundleContext().registerService(sink.getName(), proxy, null);
    }

    private void accept(List<?> readings) throws Exception {
        if (readings.isEmpty()) {
            return;
        }
        Object first = readings.get(0);
        Method id = first.getClass().getMethod("sensor");
        if (!sensor.equals(id.invoke(first))) {
            return;
        }
        long reads = reads();
        synchronized (deliveries) {
            deliveries.add(new Delivery(System.nanoTime(), reads, deliveries.size() + 1));
            deliveries.notifyAll();
        }
    }

    /** The sampler's read count of the sensor, from its {@code wren:sensors} command. */
    private long reads() throws Exception {
        for (ServiceReference<?> ref : kura.context.getServiceReferences((String) null,
                "(osgi.command.function=sensors)")) {
            Object sampler = kura.context.getService(ref);
            try {
                String text = (String) KuraSet.call(sampler, "sensors", new Class<?>[0]);
                Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(sensor) + "\\s.*?reads (\\d+)").matcher(text);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            } finally {
                kura.context.ungetService(ref);
            }
        }
        return -1;
    }

    List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    int count() {
        synchronized (deliveries) {
            return deliveries.size();
        }
    }

    /** Waits for {@code more} deliveries beyond the present ones (20 s at most). */
    void awaitMore(int more) throws InterruptedException {
        int target = count() + more;
        try {
            KuraSet.await(more + " more readings of " + sensor, 20, () -> count() >= target);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the sampler says: " + sampler(), e);
        }
    }

    /** The sampler's {@code wren:sensors} text, or what is missing. */
    String sampler() {
        try {
            for (ServiceReference<?> ref : kura.context.getServiceReferences((String) null,
                    "(osgi.command.function=sensors)")) {
                return (String) KuraSet.call(kura.context.getService(ref), "sensors", new Class<?>[0]);
            }
            return "no sampler service";
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        registration.unregister();
    }
}
