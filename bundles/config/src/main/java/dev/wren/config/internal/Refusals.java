package dev.wren.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.wren.config.RefusedSettings;

/** The refusals in force: each delivery of a configuration replaces its PID's entries. */
final class Refusals implements RefusedSettings {

    private final Map<String, List<Refusal>> byPid = new TreeMap<>();

    synchronized void delivered(String pid, List<Refusal> refused) {
        if (refused.isEmpty()) {
            byPid.remove(pid);
        } else {
            byPid.put(pid, List.copyOf(refused));
        }
    }

    synchronized void deleted(String pid) {
        byPid.remove(pid);
    }

    @Override
    public synchronized List<Refusal> current() {
        List<Refusal> all = new ArrayList<>();
        byPid.values().forEach(all::addAll);
        return all;
    }
}
