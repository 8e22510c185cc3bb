package dev.wren.config.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;

import dev.wren.config.RefusedSettings;

/**
 * The Config Admin plugin: before a Wren configuration (PID or factory PID under dev.wren.) reaches its
 * component, each attribute its metatype defines is checked by {@link Validator}. An accepted value becomes
 * that attribute's last good value; a refused one is replaced by the last good value, or removed so the
 * component runs on its default, and one line is logged naming the PID, the property, the rule, the value
 * (escaped) and what runs instead. What Config Admin stores is left as it is.
 *
 * <p>Two more things make every Wren component meet Kura's configuration contract on both runtimes: a
 * configuration without {@value #KURA_SERVICE_PID} gets its own {@code service.pid} there (Kura lists a
 * component only if its service carries both when it registers; Kura sets it itself, the standalone runtime
 * does not), and a filter attribute {@code <x>.filter} is copied into {@code <x>.target} ({@link Filters}).
 */
final class ConfigGuard implements ConfigurationPlugin {

    /** The property by which Kura's configuration service knows a component (and a factory instance). */
    static final String KURA_SERVICE_PID = "kura.service.pid";

    private final Definitions definitions;
    private final LastGood lastGood;
    private final Consumer<String> warn;
    private final Refusals refusals;

    ConfigGuard(Definitions definitions, LastGood lastGood, Consumer<String> warn, Refusals refusals) {
        this.definitions = definitions;
        this.lastGood = lastGood;
        this.warn = warn;
        this.refusals = refusals;
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        Object pid = properties.get(Constants.SERVICE_PID);
        Object factory = properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        String definedBy = String.valueOf(factory != null ? factory : pid);
        if (pid == null || !definedBy.startsWith(Definitions.PREFIX)) {
            return;
        }
        if (properties.get(KURA_SERVICE_PID) == null) {
            properties.put(KURA_SERVICE_PID, String.valueOf(pid));
        }
        Map<String, Rule> rules = definitions.rules(definedBy);
        if (rules != null) {
            guard(String.valueOf(pid), rules, properties);
        }
    }

    /** Checks and repairs {@code properties} in place; returns the refusals logged. */
    List<String> guard(String pid, Map<String, Rule> rules, Dictionary<String, Object> properties) {
        Map<String, List<String>> accepted = new LinkedHashMap<>();
        List<String> refusals = new ArrayList<>();
        List<RefusedSettings.Refusal> refused = new ArrayList<>();
        Map<String, String> filled = new LinkedHashMap<>();
        Map<Rule, String> targets = new LinkedHashMap<>();
        for (Rule rule : rules.values()) {
            String target = Filters.target(rule, rules);
            if (target != null && properties.get(rule.id()) == null && properties.get(target) != null) {
                properties.put(rule.id(), properties.get(target));
                filled.put(rule.id(), target);
            }
            if (target != null && properties.get(rule.id()) != null) {
                targets.put(rule, target);
            }
        }
        for (Rule rule : rules.values()) {
            Object raw = properties.get(rule.id());
            if (raw == null) {
                continue;
            }
            Validator.Verdict v = Validator.check(rule, raw);
            if (v.ok()) {
                accepted.put(rule.id(), v.canonical());
                continue;
            }
            List<String> good = lastGood.get(pid).get(rule.id());
            String instead;
            if (good != null && Validator.check(rule, good.size() == 1 && !rule.multiple() ? good.get(0) : good).ok()) {
                properties.put(rule.id(), Values.typed(rule, good));
                instead = "the last good value " + Escape.value(rule.multiple() ? good : good.get(0));
            } else {
                properties.remove(rule.id());
                String[] d = rule.defaults();
                instead = "the default " + (d == null ? "(none)" : Escape.value(rule.multiple() ? d : d[0]));
            }
            String line = "Configuration " + pid + ": " + filled.getOrDefault(rule.id(), rule.id()) + " refused ("
                    + v.refusal() + "; rule: " + rule.describe() + "), value " + Escape.value(raw) + "; running " + instead + " instead";
            refusals.add(line);
            refused.add(new RefusedSettings.Refusal(pid, filled.getOrDefault(rule.id(), rule.id()), Escape.value(raw),
                    v.refusal(), rule.describe(), instead, System.currentTimeMillis()));
            warn.accept(line);
        }
        this.refusals.delivered(pid, refused);
        if (!accepted.isEmpty()) {
            lastGood.put(pid, accepted);
        }
        fillTargets(targets, properties);
        return refusals;
    }

    /** Each filter given (as itself or by its old .target id) runs as its .target: the value accepted, else the default. */
    private static void fillTargets(Map<Rule, String> given, Dictionary<String, Object> properties) {
        for (Map.Entry<Rule, String> e : given.entrySet()) {
            Rule rule = e.getKey();
            String target = e.getValue();
            Object filter = properties.get(rule.id());
            if (filter != null) {
                properties.put(target, filter);
            } else {
                String[] d = rule.defaults();
                if (d != null && d.length == 1) {
                    properties.put(target, d[0]);
                } else {
                    properties.remove(target);
                }
            }
        }
    }
}
