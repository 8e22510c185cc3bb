package org.eclipse.kura.cloudconnection.publisher;

import org.eclipse.kura.KuraException;
import org.eclipse.kura.cloudconnection.listener.CloudConnectionListener;
import org.eclipse.kura.cloudconnection.listener.CloudDeliveryListener;
import org.eclipse.kura.cloudconnection.message.KuraMessage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Kura's way for an application to send through the gateway's cloud connection: the publisher
 * (configured in Kura's web UI) decides topic, QoS and encoding.
 *
 * <p>Delivery contract: {@link #publish} returns an id, or {@code null} when this publisher will
 * never confirm; a confirmed id ({@link CloudDeliveryListener#onMessageConfirmed}) means delivered
 * as far as the connection's protocol can tell. Kura does not promise that every id is confirmed:
 * a caller that needs at-least-once keeps the message until it is and sends it again otherwise.
 */
@ProviderType
public interface CloudPublisher {

    /**
     * @return the id that a later delivery confirmation names, or {@code null} if none will come
     * @throws KuraException if the message was not accepted (for example not connected, or the
     *         connection's store is full)
     */
    String publish(KuraMessage message) throws KuraException;

    void registerCloudConnectionListener(CloudConnectionListener cloudConnectionListener);

    void unregisterCloudConnectionListener(CloudConnectionListener cloudConnectionListener);

    void registerCloudDeliveryListener(CloudDeliveryListener cloudDeliveryListener);

    void unregisterCloudDeliveryListener(CloudDeliveryListener cloudDeliveryListener);
}
