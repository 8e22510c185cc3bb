package dev.wren.uplink.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The uplink's validated configuration, replaced whole on a good reconfiguration and kept on a
 * bad one. TLS files are read here, so a missing or unreadable one refuses the configuration
 * rather than failing every connection attempt. Equal settings (the same values and TLS file
 * contents) need no reconnection.
 *
 * @param brokerUrl     {@code tcp://host[:port]} or {@code ssl://host[:port]}; empty = disabled
 * @param tls           for {@code ssl://} with a CA or client certificate: the socket factory,
 *                      equal to another when built from the same file contents; null = Paho's
 *                      default (the JVM's trust store), and always null for {@code tcp://}
 * @param password      never logged: {@link #toString()} leaves it out
 */
public record Settings(String brokerUrl, String gatewayId, String clientId, TopicTemplate topics,
        String username, String password, Tls tls, boolean verifyHostname,
        int keepAliveS, int window, int batch, long backoffInitialMs, long backoffMaxMs, double jitter) {

    private static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** @throws IllegalArgumentException naming the property and the rule it breaks */
    public static Settings of(MqttUplink.Config c) {
        return of(c, c.password());
    }

    /**
     * @param password the clear text of {@code c.password()} (decrypted inside Kura)
     * @throws IllegalArgumentException naming the property and the rule it breaks
     */
    public static Settings of(MqttUplink.Config c, String password) {
        String url = c.broker_url().trim();
        String gateway = c.gateway_id().trim();
        String scheme = url.isEmpty() ? "" : scheme(url);
        if ((!url.isEmpty() || !gateway.isEmpty()) && !GATEWAY_ID.matcher(gateway).matches()) {
            throw new IllegalArgumentException("gateway.id: required with a broker, 1 to 64 of A-Z a-z 0-9 . _ -, was '"
                    + gateway + "'");
        }
        String clientId = c.client_id().trim().isEmpty() ? gateway : c.client_id().trim();
        if (clientId.length() > 128 || clientId.chars().anyMatch(ch -> ch <= ' ' || ch == 0x7f)) {
            throw new IllegalArgumentException("client.id: at most 128 characters, no spaces or control characters, was '"
                    + clientId + "'");
        }
        TopicTemplate topics = TopicTemplate.of(c.topic_template(), c.topic_prefix(),
                gateway.isEmpty() ? "gateway" : gateway);
        String username = c.username().trim();
        if (username.isEmpty() && !password.isEmpty()) {
            throw new IllegalArgumentException("password: MQTT sends a password only with a user name; set username");
        }
        range("keepalive.s", c.keepalive_s(), 0, 65_535);
        range("inflight.window", c.inflight_window(), 1, 65_535);
        range("batch.size", c.batch_size(), 1, 10_000);
        range("backoff.initial.ms", c.backoff_initial_ms(), 10, 3_600_000);
        if (c.backoff_max_ms() < c.backoff_initial_ms() || c.backoff_max_ms() > 86_400_000) {
            throw new IllegalArgumentException("backoff.max.ms: must be between backoff.initial.ms ("
                    + c.backoff_initial_ms() + ") and 86400000, was " + c.backoff_max_ms());
        }
        if (!(c.jitter() >= 0 && c.jitter() <= 1)) {
            throw new IllegalArgumentException("jitter: must be between 0 and 1, was " + c.jitter());
        }
        Tls tls = scheme.equals("ssl") ? Tls.load(c.tls_ca_file(), c.tls_client_cert_file(), c.tls_client_key_file())
                : null;
        return new Settings(url, gateway, clientId, topics, username, password, tls, c.tls_verify_hostname(),
                c.keepalive_s(), c.inflight_window(), c.batch_size(), c.backoff_initial_ms(), c.backoff_max_ms(),
                c.jitter());
    }

    /** @return whether a broker is configured */
    public boolean enabled() {
        return !brokerUrl.isEmpty();
    }

    /** @return {@code ssl://host:port as client (user name)}, nothing secret */
    public String describe() {
        return brokerUrl + " as client " + clientId + (username.isEmpty() ? "" : " (user " + username + ")");
    }

    @Override
    public String toString() {
        return "Settings[" + (enabled() ? describe() : "disabled") + ", topics " + topics + ", window " + window
                + ", batch " + batch + ", keepalive " + keepAliveS + " s, backoff " + backoffInitialMs + ".."
                + backoffMaxMs + " ms, jitter " + jitter + (tls != null ? ", " + tls : "")
                + (verifyHostname ? "" : ", no host name verification") + "]";
    }

    private static String scheme(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker.url: not a URL (" + e.getMessage() + "), was '" + url + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("tcp") && !scheme.equals("ssl") || uri.getHost() == null
                || uri.getPath() != null && !uri.getPath().isEmpty() || uri.getQuery() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("broker.url: must be tcp://host[:port] or ssl://host[:port], was '"
                    + url + "'");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65_535) {
            throw new IllegalArgumentException("broker.url: port must be 1 to 65535, was '" + url + "'");
        }
        return scheme;
    }

    private static void range(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(property + ": must be between " + min + " and " + max + ", was " + value);
        }
    }
}
