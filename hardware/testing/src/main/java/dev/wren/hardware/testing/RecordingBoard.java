package dev.wren.hardware.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.log.Logger;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;

import dev.wren.hardware.Board;
import dev.wren.hardware.BoardProfile;
import dev.wren.hardware.simulator.SimContext;

/**
 * A {@link Board} over a {@link SimContext} that records claims ({@code "+0x40 owner"}) and releases
 * ({@code "-0x40"}), and a logger recording errors: for testing driver components without the
 * platform bundle or a framework.
 */
public final class RecordingBoard implements Board {

    public final List<String> claims = new ArrayList<>();
    public final List<String> errors = new ArrayList<>();
    private final SimContext bus;

    public RecordingBoard(SimContext bus) {
        this.bus = bus;
    }

    /** Injects this board and a recording logger into a component, as SCR would. */
    public <T> T inject(T component) throws ReflectiveOperationException {
        set(component, "board", this);
        set(component, "log", Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("error")) {
                        errors.add(args[0] + " " + (args.length == 2 && args[1] instanceof Object[] varargs
                                ? List.of(varargs) : List.of(args).subList(1, args.length)));
                    }
                    return null;
                }));
        return component;
    }

    @Override
    public BoardProfile profile() {
        throw new UnsupportedOperationException();
    }

    @Override
    public I2C i2c(int b, int address, String owner) {
        claims.add(String.format(Locale.ROOT, "+0x%02X %s", address, owner));
        return bus.open(b, address).device();
    }

    @Override
    public DigitalInput input(int line, PullResistance pull, long debounceMicros, String owner) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DigitalOutput output(int line, DigitalState initial, DigitalState shutdown, String owner) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void release(Object io) {
        claims.add(String.format(Locale.ROOT, "-0x%02X", ((I2C) io).device()));
        bus.context().shutdown(((I2C) io).id());
    }

    /**
     * @return a configuration annotation as SCR builds it from a configuration: the OCD's defaults,
     *         overridden by dotted property names ({@code i2c.address} for {@code i2c_address()})
     */
    public static <A> A config(Class<A> type, Map<String, ?> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            Object v = overrides.get(method.getName().replace('_', '.'));
            return v != null ? v : method.getDefaultValue();
        }));
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(field);
                f.setAccessible(true);
                f.set(target, value);
                return;
            } catch (NoSuchFieldException e) {
                // the field is declared further up, e.g. in ChipSensor
            }
        }
        throw new NoSuchFieldException(field);
    }
}
