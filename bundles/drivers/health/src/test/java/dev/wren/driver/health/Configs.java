package dev.wren.driver.health;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a component property type instance from its defaults plus overrides, as SCR would. */
final class Configs {

    private Configs() {
    }

    @SuppressWarnings("unchecked")
    static <T> T of(Class<T> type, Map<String, Object> overrides) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object v = overrides.get(method.getName());
            return v != null ? v : method.getDefaultValue();
        });
    }
}
