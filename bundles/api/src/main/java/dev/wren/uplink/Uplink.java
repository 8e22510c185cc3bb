package dev.wren.uplink;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The state of the connection to the cloud broker, a service provided by Wren's uplink.
 *
 * <p>Service property {@value #STATE} (String): the {@link State} name, and {@value #CONNECTED}
 * (Boolean), both updated on every change (the registration's properties change; the service is
 * not re-registered), so components can select on {@code (uplink.connected=true)}. Every change
 * is also posted on {@value #TOPIC_STATE} with {@value #EVENT_STATE} and {@value #EVENT_REASON}.
 *
 * <p>Threading: all methods are safe to call from any thread and return without blocking.
 */
@ProviderType
public interface Uplink {

    /** Service property: the current state's name. */
    String STATE = "uplink.state";
    /** Service property: {@code true} when {@link State#CONNECTED}. */
    String CONNECTED = "uplink.connected";
    /**
     * Service property: {@code true} while the uplink is {@link State#DISCONNECTED} on purpose, between
     * the connection windows of a lean power mode (since 1.1). Such a gap is not a link failure.
     */
    String IDLE = "uplink.idle";
    /**
     * Service property: the gateway id the uplink publishes under (its topics' {@code {gateway}}),
     * absent while no broker is configured (since 1.3). A gateway relaying messages for another
     * names this one as their origin.
     */
    String GATEWAY = "uplink.gateway";
    /** EventAdmin topic of state changes. */
    String TOPIC_STATE = "dev/wren/uplink/STATE";
    /** Event property: the new state's name. */
    String EVENT_STATE = "state";
    /** Event property: why, in words ("connection refused: bad user name or password"). */
    String EVENT_REASON = "reason";

    /** Connection states. */
    enum State {
        /** No broker configured: messages stay in the outbox. */
        DISABLED,
        /** Connecting or waiting to reconnect (backoff). */
        CONNECTING,
        /** Connected: the outbox is being drained. */
        CONNECTED,
        /** Lost or refused; the {@link #reason()} says why; a reconnect is scheduled. */
        DISCONNECTED
    }

    /** @return the current state, never null */
    State state();

    /** @return why the uplink is in this state, in words, never null */
    String reason();

    /** @return when the current state was entered */
    Instant since();
}
