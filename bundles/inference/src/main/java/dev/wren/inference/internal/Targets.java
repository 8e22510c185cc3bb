package dev.wren.inference.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

import dev.wren.inference.Insight;

/**
 * Whiteboard services that take insights, each with its optional filter over the insight's
 * {@code sensor}, {@code label} and {@code severity}: delivers to each one that matches, isolating
 * the ones that throw.
 *
 * @param <S> the service type
 */
final class Targets<S> {

    private record Target<S>(S sink, Filter filter) {

        boolean matches(Insight i) {
            return filter == null || filter.matches(Map.of("sensor", i.sensor(), "label", i.label(), "severity",
                    i.severity()));
        }
    }

    private final List<Target<S>> targets = new CopyOnWriteArrayList<>();

    /** @return null once added, or why the sink is ignored: its {@code property} is not an LDAP filter */
    String add(S sink, Object target, String property) {
        Filter filter = null;
        if (target instanceof String f && !f.isBlank()) {
            try {
                filter = FrameworkUtil.createFilter(f);
            } catch (InvalidSyntaxException e) {
                return property + " is not an LDAP filter: " + e.getMessage();
            }
        }
        targets.add(new Target<>(sink, filter));
        return null;
    }

    void remove(S sink) {
        targets.removeIf(t -> t.sink() == sink);
    }

    boolean isEmpty() {
        return targets.isEmpty();
    }

    /** Calls {@code deliver} for each sink whose filter matches {@code insight}; one that throws goes to {@code failed}. */
    void deliver(Insight insight, BiConsumer<S, Insight> deliver, BiConsumer<S, RuntimeException> failed) {
        for (Target<S> t : targets) {
            try {
                if (t.matches(insight)) {
                    deliver.accept(t.sink(), insight);
                }
            } catch (RuntimeException e) {
                failed.accept(t.sink(), e);
            }
        }
    }
}
