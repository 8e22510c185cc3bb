package org.eclipse.kura.cloudconnection.listener;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Notified of the state of a cloud connection (registered with a {@code CloudPublisher}). The
 * connection reconnects by itself; a listener only reacts.
 */
@ConsumerType
public interface CloudConnectionListener {

    /** The connection was closed on purpose. */
    void onDisconnected();

    /** The connection was lost; the cloud stack will reconnect by itself. */
    void onConnectionLost();

    /** The connection is (again) up. */
    void onConnectionEstablished();
}
