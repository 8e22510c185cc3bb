package org.eclipse.kura.cloudconnection.message;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.kura.message.KuraPayload;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What an application hands a {@code CloudPublisher}: a {@link KuraPayload} and message options
 * as properties (their meaning is up to the publisher). Same constructors and accessors as Kura's;
 * the properties map is a mutable copy.
 */
@ProviderType
public class KuraMessage {

    private final Map<String, Object> properties;
    private final KuraPayload payload;

    public KuraMessage(KuraPayload payload) {
        this(payload, Map.of());
    }

    public KuraMessage(KuraPayload payload, Map<String, Object> properties) {
        this.payload = payload;
        this.properties = new HashMap<>(properties);
    }

    public Map<String, Object> getProperties() {
        return properties;
    }

    public KuraPayload getPayload() {
        return payload;
    }
}
