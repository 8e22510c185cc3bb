package dev.wren.uplink.internal;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;

/**
 * Turns a password attribute into the clear text the broker needs. Inside Kura, attributes of type
 * Password reach components encrypted by Kura's {@link CryptoService}, so with a CryptoService
 * present the value is decrypted through it; without one (the standalone runtime) it is the clear
 * text already. An empty value stays empty either way.
 */
final class Passwords {

    private Passwords() {
    }

    /**
     * @param crypto   Kura's CryptoService, null where there is none
     * @param pid      the configuration's PID, for the refusal
     * @param property the attribute's id, for the refusal
     * @return the clear text
     * @throws IllegalArgumentException naming the PID and the property (never the value) when the
     *         CryptoService cannot decrypt it
     */
    static String clear(CryptoService crypto, String pid, String property, String value) {
        if (crypto == null || value == null || value.isEmpty()) {
            return value;
        }
        try {
            char[] clear = crypto.decryptAes(value.toCharArray());
            if (clear == null) {
                throw new IllegalArgumentException(refusal(pid, property, "it returned nothing"));
            }
            return new String(clear);
        } catch (KuraException e) {
            throw new IllegalArgumentException(refusal(pid, property, "error code " + e.getCode()), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith(property)) {
                throw e;
            }
            throw new IllegalArgumentException(refusal(pid, property, e.getClass().getSimpleName()), e);
        }
    }

    private static String refusal(String pid, String property, String why) {
        return property + ": Kura's CryptoService cannot decrypt the value of " + pid + " (" + why
                + "); set the password again in Kura's web UI so that Kura encrypts it";
    }
}
