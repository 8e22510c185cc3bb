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

/**
 * The Config Admin plugin: before a Wren configuration (PID or factory PID under dev.wren.) reaches its
 * component, each attribute its metatype defines is checked by {@link Validator}. An accepted value becomes
 * that attribute's last good value; a refused one is replaced by the last good value, or removed so the
 * component runs on its default, and one line is logged naming the PID, the property, the rule, the value
 * (escaped) and what runs instead. What Config Admin stores is left as it is.
 */
final class ConfigGuard implements ConfigurationPlugin {

    private final Definitions definitions;
    private final LastGood lastGood;
    private final Consumer<String> warn;

    ConfigGuard(Definitions definitions, LastGood lastGood, Consumer<String> warn) {
        this.definitions = definitions;
        this.lastGood = lastGood;
        this.warn = warn;
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        Object pid = properties.get(Constants.SERVICE_PID);
        Object factory = properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        String definedBy = String.valueOf(factory != null ? factory : pid);
        if (pid == null || !definedBy.startsWith(Definitions.PREFIX)) {
            return;
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
            String line = "Configuration " + pid + ": " + rule.id() + " refused (" + v.refusal() + "; rule: "
                    + rule.describe() + "), value " + Escape.value(raw) + "; running " + instead + " instead";
            refusals.add(line);
            warn.accept(line);
        }
        if (!accepted.isEmpty()) {
            lastGood.put(pid, accepted);
        }
        return refusals;
    }
}
