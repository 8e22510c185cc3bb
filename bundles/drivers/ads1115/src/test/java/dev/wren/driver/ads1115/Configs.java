package dev.wren.driver.ads1115;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A Config with the OCD's defaults, overridden by dotted property names, as SCR builds it. */
final class Configs {

    private Configs() {
    }

    static Ads1115.Config of(Map<String, Object> overrides) {
        return (Ads1115.Config) Proxy.newProxyInstance(Ads1115.Config.class.getClassLoader(),
                new Class<?>[] {Ads1115.Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return Ads1115.Config.class;
                    }
                    Object v = overrides.get(method.getName().replace('_', '.'));
                    return v != null ? v : method.getDefaultValue();
                });
    }

    static Ads1115.Settings settings(Map<String, Object> overrides) {
        return Ads1115.Settings.of(of(overrides));
    }
}
