package dev.wren.uplink.internal;

/**
 * The validated configuration of {@link CloudUplink}.
 *
 * @param enabled   drain through the chosen CloudPublisher (the MQTT uplink then stands aside)
 * @param window    messages handed to the publisher and not yet confirmed, at most
 * @param timeoutMs a message unconfirmed this long is given back to the outbox and sent again
 * @param retryMs   pause after the publisher refused a message
 */
record CloudSettings(boolean enabled, int window, long timeoutMs, long retryMs) {

    /** @throws IllegalArgumentException naming the property and the rule it breaks */
    static CloudSettings of(CloudUplink.Config c) {
        range("inflight.window", c.inflight_window(), 1, 10_000);
        range("confirm.timeout.s", c.confirm_timeout_s(), 1, 86_400);
        range("retry.delay.ms", c.retry_delay_ms(), 10, 3_600_000);
        return new CloudSettings(c.enabled(), c.inflight_window(), c.confirm_timeout_s() * 1000L, c.retry_delay_ms());
    }

    private static void range(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(property + ": must be between " + min + " and " + max + ", was " + value);
        }
    }

    @Override
    public String toString() {
        return (enabled ? "enabled" : "disabled") + ", window " + window + ", confirmation timeout " + timeoutMs / 1000
                + " s, retry delay " + retryMs + " ms";
    }
}
