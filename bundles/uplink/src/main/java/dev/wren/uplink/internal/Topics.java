package dev.wren.uplink.internal;

import java.util.HashMap;
import java.util.Map;

import dev.wren.store.Message;

/**
 * The topic of each channel, built once: a gateway has a few dozen channels, so publishing
 * builds no string. Bounded: past {@value #MAX} channels it starts over. Not thread-safe: the
 * drainer's alone.
 */
final class Topics {

    static final int MAX = 4096;

    private final TopicTemplate template;
    private final Map<String, String> byChannel = new HashMap<>();

    Topics(TopicTemplate template) {
        this.template = template;
    }

    /** @return the topic of a message: of this gateway, or of the gateway a relayed one came from */
    String of(Message m) {
        Message.Origin o = m.origin();
        return o == null ? of(m.channel()) : cached(o.gateway() + "\u0000" + m.channel(),
                () -> template.forGateway(o.gateway()).topic(m.channel()));
    }

    String of(String channel) {
        return cached(channel, () -> template.topic(channel));
    }

    private String cached(String key, java.util.function.Supplier<String> topic) {
        String t = byChannel.get(key);
        if (t == null) {
            if (byChannel.size() >= MAX) {
                byChannel.clear();
            }
            t = topic.get();
            byChannel.put(key, t);
        }
        return t;
    }
}
