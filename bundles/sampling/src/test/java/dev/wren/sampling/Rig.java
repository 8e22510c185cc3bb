package dev.wren.sampling;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.osgi.framework.ServiceReference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;
import dev.wren.sensor.Sensor;

/**
 * An activated {@link Sampler} without a framework: its Logger and EventAdmin record what they get, and
 * sensors and sinks are bound with {@link Proxy} service references holding their properties.
 */
final class Rig implements AutoCloseable {

    static final long WAIT_MS = 10_000;

    final Sampler sampler = new Sampler();
    /** Every log call, as {@code LEVEL message} with the arguments put in. */
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicLong serviceIds = new AtomicLong();

    /** @param config Config method name (read_timeout_ms) -> value; the rest take their defaults */
    Rig(Map<String, Object> config) throws ReflectiveOperationException {
        set("log", Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> logged(method, args)));
        set("eventAdmin", Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EventAdmin.class},
                (proxy, method, args) -> {
                    if (args != null && args[0] instanceof Event e) {
                        events.add(e);
                    }
                    return null;
                }));
        sampler.activate(config(config));
    }

    /** A Config answering {@code values} by method name, the declared default otherwise. */
    static Sampler.Config config(Map<String, Object> values) {
        return (Sampler.Config) Proxy.newProxyInstance(Sampler.Config.class.getClassLoader(),
                new Class<?>[] {Sampler.Config.class}, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
    }

    private void set(String field, Object value) throws ReflectiveOperationException {
        Field f = Sampler.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(sampler, value);
    }

    private Object logged(Method method, Object[] args) {
        String level = method.getName().toUpperCase(java.util.Locale.ROOT);
        if (method.getReturnType() == boolean.class) {
            return true;
        }
        if (method.getReturnType() == String.class) {
            return "test";
        }
        if (args == null || !(args[0] instanceof String format)) {
            return null;
        }
        List<Object> values = new java.util.ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (method.isVarArgs() && i == args.length - 1) {
                values.addAll(List.of((Object[]) args[i]));
            } else {
                values.add(args[i]);
            }
        }
        StringBuilder out = new StringBuilder(level).append(' ');
        int from = 0;
        for (Object v : values) {
            int at = format.indexOf("{}", from);
            if (at < 0) {
                break;
            }
            out.append(format, from, at).append(v);
            from = at + 2;
        }
        log.add(out.append(format.substring(from)).toString());
        return null;
    }

    /** Binds {@code sensor} with its id and its period in every mode. */
    ServiceReference<Sensor> sensor(Sensor sensor, long periodMs) {
        Map<String, Object> props = new HashMap<>();
        props.put(Sensor.ID, sensor.id());
        props.put(Sensor.KIND, "test");
        props.put("sampling.period.full.ms", periodMs);
        ServiceReference<Sensor> ref = reference(props);
        sampler.addSensor(sensor, ref, props);
        return ref;
    }

    /** Binds {@code sink} as component {@code name}, for the sensors {@code target} matches (null: all). */
    ServiceReference<ReadingSink> sink(ReadingSink sink, String name, String target) {
        Map<String, Object> props = new HashMap<>();
        props.put("component.name", name);
        if (target != null) {
            props.put(ReadingSink.SENSORS_TARGET, target);
        }
        ServiceReference<ReadingSink> ref = reference(props);
        sampler.addSink(sink, ref);
        return ref;
    }

    @SuppressWarnings("unchecked")
    private <S> ServiceReference<S> reference(Map<String, Object> props) {
        props.put("service.id", serviceIds.incrementAndGet());
        return (ServiceReference<S>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> props.get((String) args[0]);
                    case "getPropertyKeys" -> props.keySet().toArray(new String[0]);
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "ref" + props;
                    default -> null;
                });
    }

    /** @return the name Fanout gives a sink bound by {@link #sink} */
    static String name(ServiceReference<ReadingSink> ref) {
        return ref.getProperty("component.name") + "#" + ref.getProperty("service.id");
    }

    String sensors() {
        return sampler.sensors();
    }

    /** @return the line of {@code wren:sensors} about {@code what} (a sensor id or a sink's name) */
    String line(String what) {
        return sensors().lines().filter(l -> l.contains(" " + what + " ")).findFirst().orElse("");
    }

    long logged(String level, String containing) {
        return log.stream().filter(l -> l.startsWith(level + " ") && l.contains(containing)).count();
    }

    List<Event> events(String topic, String sensor) {
        return events.stream().filter(e -> e.getTopic().equals(topic) && sensor.equals(e.getProperty(Sensor.ID)))
                .toList();
    }

    int corePoolSize() throws ReflectiveOperationException {
        Field f = Sampler.class.getDeclaredField("executor");
        f.setAccessible(true);
        return ((ScheduledThreadPoolExecutor) f.get(sampler)).getCorePoolSize();
    }

    /** Waits up to {@link #WAIT_MS} for {@code condition}, then fails naming {@code what} with the sampler's state. */
    void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + WAIT_MS + " ms waiting for " + what + "\n" + sensors() + "log: " + log);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws InterruptedException {
        sampler.deactivate();
    }

    /** A sensor answering one reading of {@code quantity} per read, its value counting the reads from 1. */
    static class Counting implements Sensor {
        final AtomicLong reads = new AtomicLong();
        private final String id;

        Counting(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public List<Reading> read() throws dev.wren.sensor.SensorException {
            return List.of(new Reading(id, "temperature", reads.incrementAndGet(), "degC", System.currentTimeMillis()));
        }
    }

    /** A sink keeping every batch and the thread each came on. */
    static class Collecting implements ReadingSink {
        final List<List<Reading>> batches = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void accept(List<Reading> readings) {
            threads.add(Thread.currentThread().getName());
            batches.add(readings);
        }

        long of(String sensor, String quantity) {
            return batches.stream().flatMap(List::stream)
                    .filter(r -> r.sensor().equals(sensor) && r.quantity().equals(quantity)).count();
        }
    }
}
