package dev.wren.gossip.internal.shell;

import java.util.Arrays;

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
     * @param stored the configured {@code cluster.keys}, as stored
     * @param crypto Kura's crypto service, or null outside Kura
     * @return the keys in clear text; empty stays empty
     * @throws IllegalArgumentException naming the property, never the value, when {@code crypto} cannot decrypt it
     */
    static String clear(String stored, CryptoService crypto) {
        if (crypto == null || stored.isBlank()) {
            return stored;
        }
        char[] clear;
        try {
            clear = crypto.decryptAes(stored.toCharArray());
        } catch (KuraException | RuntimeException e) {
            throw new IllegalArgumentException(refusal(e.getClass().getSimpleName()), null);
        }
        if (clear == null) {
            throw new IllegalArgumentException(refusal("no clear text"));
        }
        String keys = new String(clear);
        Arrays.fill(clear, '\0');
        return keys;
    }

    private static String refusal(String why) {
        return "cluster.keys: not a value Kura's CryptoService encrypted, it does not decrypt (" + why
                + "); save the keys again through Kura's web UI";
    }
}
