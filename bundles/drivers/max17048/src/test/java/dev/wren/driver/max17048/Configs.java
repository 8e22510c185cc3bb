package dev.wren.driver.max17048;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A Config with the OCD's defaults, overridden by dotted property names, as SCR builds it. */
final class Configs {

    private Configs() {
    }

    static Max17048.Config of(Map<String, Object> overrides) {
        return (Max17048.Config) Proxy.newProxyInstance(Max17048.Config.class.getClassLoader(),
                new Class<?>[] {Max17048.Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return Max17048.Config.class;
                    }
                    Object v = overrides.get(method.getName().replace('_', '.'));
                    return v != null ? v : method.getDefaultValue();
                });
    }

    static Max17048.Settings settings(Map<String, Object> overrides) {
        return Max17048.Settings.of(of(overrides));
    }
}
