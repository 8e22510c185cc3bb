package dev.wren.trust;

/**
 * The trust store's verdict on one jar.
 *
 * @param status what to do with the jar
 * @param signer who signed it, "CN=..., O=... (SHA-256 ab12...)", or null when unsigned
 * @param reason why it is refused, or for an unchecked one what a configured trust store would say;
 *        null for a trusted jar
 */
public record Verdict(Status status, String signer, String reason) {

    /** What the gateway does with the jar. */
    public enum Status {
        /** Signed by a certificate the trust store holds or chains to: accepted. */
        TRUSTED,
        /** Trust is configured and the jar does not meet it: refused, {@link Verdict#reason()} says why. */
        REFUSED,
        /** No trust is configured: accepted, {@link Verdict#reason()} says what it would have found. */
        UNCHECKED
    }

    /** @return whether the jar may be installed or served */
    public boolean accepted() {
        return status != Status.REFUSED;
    }

    @Override
    public String toString() {
        return status + (signer == null ? "" : " signer " + signer) + (reason == null ? "" : ": " + reason);
    }
}
