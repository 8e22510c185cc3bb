package dev.wren.power.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.felix.gogo.runtime.Reflective;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.log.Logger;

import dev.wren.uplink.Uplink;

/** {@code wren:power} as the Gogo runtime calls it, on a power manager activated with stand-ins for the framework. */
class PowerShellTest {

    private final PowerManager power = new PowerManager();
    private final Uplink uplink = proxy(Uplink.class);

    @BeforeEach
    void activate() throws Exception {
        var log = PowerManager.class.getDeclaredField("log");
        log.setAccessible(true);
        log.set(power, proxy(Logger.class));
        ServiceRegistration<?> registration = proxy(ServiceRegistration.class);
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class},
                (p, m, args) -> m.getName().equals("registerService") ? registration : null);
        power.activate(context, Map.of("sensor.id", ""));
    }

    @AfterEach
    void deactivate() {
        power.deactivate();
    }

    @Test
    void theUplinkIsToldAsTheUplinkTellsIt() {
        assertTrue(power.power().contains("\n  uplink unknown (no uplink service)\n"), power.power());
        power.bindUplink(uplink, Map.of(Uplink.STATE, "DISABLED", Uplink.CONNECTED, false));
        assertTrue(power.power().contains("\n  uplink DISABLED (no broker configured), not counted as down\n"),
                power.power());
        power.updatedUplink(uplink, Map.of(Uplink.STATE, "DISCONNECTED", Uplink.CONNECTED, false, Uplink.IDLE, true));
        assertTrue(power.power().contains("\n  uplink idle between the connection windows of DISCONNECTED, not counted"
                + " as down\n"), power.power());
        power.updatedUplink(uplink, Map.of(Uplink.STATE, "CONNECTED", Uplink.CONNECTED, true));
        assertTrue(power.power().contains("\n  uplink connected for "), power.power());
        power.unbindUplink(uplink, Map.of());
        assertTrue(power.power().contains("\n  uplink unknown (no uplink service)\n"), power.power());
    }

    @Test
    void argumentsGetTheUsage() throws Exception {
        assertTrue(invoke().startsWith("power FULL since "));
        assertEquals("usage: power (takes no arguments; the mode is forced by mode.override in " + PowerManager.PID + ")",
                invoke("MINIMAL"));
    }

    private String invoke(Object... args) throws Exception {
        return (String) Reflective.invoke(null, power, "power", new ArrayList<>(List.of(args)));
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type) {
        return (T) Proxy.newProxyInstance(PowerShellTest.class.getClassLoader(), new Class<?>[] {type},
                (p, m, args) -> m.getName().equals("equals") ? p == args[0]
                        : m.getName().equals("hashCode") ? System.identityHashCode(p) : null);
    }

    @Test
    void everyOverloadAndParameterIsDescribedForHelp() {
        assertDescribed(PowerManager.class, "power");
    }

    private static void assertDescribed(Class<?> type, String function) {
        int overloads = 0;
        for (java.lang.reflect.Method m : type.getMethods()) {
            if (m.getName().equals(function)) {
                overloads++;
                org.junit.jupiter.api.Assertions.assertNotNull(
                        m.getAnnotation(org.apache.felix.service.command.Descriptor.class), m.toString());
                for (java.lang.reflect.Parameter p : m.getParameters()) {
                    org.junit.jupiter.api.Assertions.assertNotNull(
                            p.getAnnotation(org.apache.felix.service.command.Descriptor.class), m + " " + p);
                }
            }
        }
        assertTrue(overloads >= 2, type + "." + function + ": a method for the arguments and one for the usage");
    }
}
