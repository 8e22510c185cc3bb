package dev.wren.guard.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The guard's validated configuration (PID {@value #PID}), read from a Config Admin dictionary whose
 * values are typed (the web console) or strings (the default configuration files). Its metatype,
 * OSGI-INF/metatype/dev.wren.guard.ConsoleGuard.xml, states the same rules for the console's form:
 * {@code allowed.origins} (origins, up to 20), {@code login.free.failures} (1..100, default 5),
 * {@code lockout.initial.s} (1..3600 s, default 1), {@code lockout.max.s} (1..86400 s, not below the
 * first, default 300), {@code console.path} (default /system/console), {@code keepalive.max} (1..10000,
 * default 64: connections kept open between requests).
 */
record Settings(Set<String> allowedOrigins, int freeFailures, long initialLockoutMs, long maxLockoutMs,
                String consolePath, int keepAliveMax) {

    static final String PID = "dev.wren.guard.ConsoleGuard";

    static final Settings DEFAULTS = new Settings(Set.of(), 5, 1_000, 300_000, "/system/console", 64);

    /** @throws IllegalArgumentException naming the property, its rule and the value */
    static Settings of(Dictionary<String, ?> props) {
        if (props == null) {
            return DEFAULTS;
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String o : strings(props.get("allowed.origins"))) {
            if (o.isBlank()) {
                continue;
            }
            String n = SameOrigin.origin(o);
            if (n == null) {
                throw new IllegalArgumentException("allowed.origins: must be origins such as https://gateway.example:8443"
                        + " (http or https://host[:port], no path), was '" + o + "'");
            }
            origins.add(n);
        }
        int free = integer(props, "login.free.failures", 5, 1, 100);
        int initial = integer(props, "lockout.initial.s", 1, 1, 3600);
        int max = integer(props, "lockout.max.s", 300, 1, 86_400);
        if (max < initial) {
            throw new IllegalArgumentException("lockout.max.s: must not be below lockout.initial.s (" + initial
                    + "), was " + max);
        }
        Object p = props.get("console.path");
        String path = p == null ? DEFAULTS.consolePath() : p.toString().trim();
        if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
            throw new IllegalArgumentException("console.path: must be a path such as /system/console, was '" + path + "'");
        }
        int keepAlive = integer(props, "keepalive.max", 64, 1, 10_000);
        return new Settings(Set.copyOf(origins), free, initial * 1000L, max * 1000L, path, keepAlive);
    }

    private static int integer(Dictionary<String, ?> props, String key, int fallback, int min, int max) {
        Object v = props.get(key);
        if (v == null) {
            return fallback;
        }
        long n;
        try {
            n = v instanceof Number num ? num.longValue() : Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": must be a whole number between " + min + " and " + max
                    + ", was '" + v + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + ": must be between " + min + " and " + max + ", was " + n);
        }
        return (int) n;
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof String[] a) {
            out.addAll(List.of(a));
        } else if (v instanceof Collection<?> c) {
            c.forEach(x -> out.add(String.valueOf(x)));
        } else {
            for (String s : v.toString().split(",")) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
