package org.eclipse.kura.cloudconnection.listener;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Notified when the cloud connection confirms the delivery of a message, by the id
 * {@code CloudPublisher.publish} returned. Called synchronously on the connection's thread: keep it
 * short.
 */
@ConsumerType
public interface CloudDeliveryListener {

    /** The message {@code publish} answered with {@code messageId} was delivered. */
    void onMessageConfirmed(String messageId);
}
