package dev.wren.driver.ina219;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A Config with the OCD's defaults, overridden by dotted property names, as SCR builds it. */
final class Configs {

    private Configs() {
    }

    static Ina219.Config of(Map<String, Object> overrides) {
        return (Ina219.Config) Proxy.newProxyInstance(Ina219.Config.class.getClassLoader(),
                new Class<?>[] {Ina219.Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return Ina219.Config.class;
                    }
                    Object v = overrides.get(method.getName().replace('_', '.'));
                    return v != null ? v : method.getDefaultValue();
                });
    }

    static Ina219.Settings settings(Map<String, Object> overrides) {
        return Ina219.Settings.of(of(overrides));
    }
}
