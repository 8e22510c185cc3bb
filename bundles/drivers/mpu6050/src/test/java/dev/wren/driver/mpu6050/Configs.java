package dev.wren.driver.mpu6050;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link Mpu6050.Config} as SCR builds it: the OCD's defaults, overridden by dotted property names. */
final class Configs {

    private Configs() {
    }

    static Mpu6050.Config of(Map<String, Object> overrides) {
        return (Mpu6050.Config) Proxy.newProxyInstance(Mpu6050.Config.class.getClassLoader(),
                new Class<?>[] {Mpu6050.Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return Mpu6050.Config.class;
                    }
                    Object v = overrides.get(method.getName().replace('_', '.'));
                    return v != null ? v : method.getDefaultValue();
                });
    }

    static Mpu6050.Settings settings(Map<String, Object> overrides) {
        return Mpu6050.Settings.of(of(overrides));
    }
}
