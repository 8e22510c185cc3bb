package dev.wren.standalone.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * PIDs that moved when the standalone-only components left {@code bundles/console} for this bundle.
 * A data directory from before keeps its configuration: {@link #migrate} moves each stored
 * configuration of an old PID to the new one (unless the new one exists), and a default configuration
 * file still named after an old PID seeds the new one ({@link #current}).
 */
final class RenamedPids {

    /** Old PID to new PID. */
    static final Map<String, String> RENAMED = Map.of(
            "dev.wren.console.LogWriter", LogWriter.PID,
            "dev.wren.console.WebConsoleAccess", WebConsoleAccess.PID);

    private RenamedPids() {
    }

    /** @return the PID {@code pid} is called now (itself unless it was renamed) */
    static String current(String pid) {
        return RENAMED.getOrDefault(pid, pid);
    }

    /**
     * Moves every stored configuration of an old PID to its new PID and deletes the old one. A new PID
     * that already has a configuration keeps it (the old one is deleted all the same).
     *
     * @param moved told "old -> new" for each configuration moved
     */
    static void migrate(ConfigurationAdmin cm, java.util.function.Consumer<String> moved) throws IOException {
        for (Map.Entry<String, String> rename : RENAMED.entrySet()) {
            Configuration[] old;
            try {
                old = cm.listConfigurations("(" + Constants.SERVICE_PID + "=" + rename.getKey() + ")");
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException("a PID is a valid filter value", e);
            }
            if (old == null) {
                continue;
            }
            for (Configuration c : old) {
                Configuration next = cm.getConfiguration(rename.getValue(), "?");
                Dictionary<String, Object> props = c.getProperties();
                if (next.getProperties() == null && props != null) {
                    next.update(withoutIdentity(props));
                    moved.accept(rename.getKey() + " -> " + rename.getValue());
                }
                c.delete();
            }
        }
    }

    private static Dictionary<String, Object> withoutIdentity(Dictionary<String, Object> props) {
        Dictionary<String, Object> copy = new Hashtable<>();
        for (Enumeration<String> keys = props.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            if (!k.equals(Constants.SERVICE_PID) && !k.equals(ConfigurationAdmin.SERVICE_FACTORYPID)
                    && !k.equals(ConfigurationAdmin.SERVICE_BUNDLELOCATION)) {
                copy.put(k, props.get(k));
            }
        }
        return copy;
    }
}
