package dev.wren.uplink.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Builds a {@link MqttUplink.Config} from its defaults plus overrides (dotted names), as SCR would. */
public final class Configs {

    private Configs() {
    }

    public static MqttUplink.Config of(Map<String, ?> overrides) {
        Map<String, Object> byMethod = new HashMap<>();
        overrides.forEach((k, v) -> byMethod.put(k.replace('.', '_'), v));
        return (MqttUplink.Config) Proxy.newProxyInstance(MqttUplink.Config.class.getClassLoader(),
                new Class<?>[] {MqttUplink.Config.class}, (proxy, method, args) -> {
                    Object v = byMethod.get(method.getName());
                    return v != null ? v : method.getDefaultValue();
                });
    }

    public static Settings settings(Map<String, ?> overrides) {
        return Settings.of(of(overrides));
    }
}
