package dev.wren.gossip.internal.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;

/**
 * The cluster keys in clear text. Inside Kura a password attribute reaches the component as Kura's
 * {@link CryptoService} encrypted it; elsewhere (no such service) as the operator wrote it.
 */
final class ClusterKeys {

    private ClusterKeys() {
    }

    /**
     * @param stored the configured {@code cluster.keys} entries, as stored (null, empty and blank entries
     *        are no key)
     * @param crypto Kura's crypto service, or null outside Kura
     * @return the keys in clear text, the entries joined by commas; empty when there is none
     * @throws IllegalArgumentException naming the property, never the value, when {@code crypto} cannot decrypt an entry
     */
    static String clear(String[] stored, CryptoService crypto) {
        List<String> keys = new ArrayList<>();
        for (String entry : stored == null ? new String[0] : stored) {
            if (entry != null && !entry.isBlank()) {
                keys.add(crypto == null ? entry.trim() : decrypt(entry, crypto));
            }
        }
        return String.join(",", keys);
    }

    private static String decrypt(String stored, CryptoService crypto) {
        char[] clear;
        try {
            clear = crypto.decryptAes(stored.toCharArray());
        } catch (KuraException | RuntimeException e) {
            throw new IllegalArgumentException(refusal(e.getClass().getSimpleName()), null);
        }
        if (clear == null) {
            throw new IllegalArgumentException(refusal("no clear text"));
        }
        String keys = new String(clear).trim();
        Arrays.fill(clear, '\0');
        return keys;
    }

    private static String refusal(String why) {
        return "cluster.keys: not a value Kura's CryptoService encrypted, it does not decrypt (" + why
                + "); save the keys again through Kura's web UI";
    }
}
