package dev.wren.uplink.internal;

import java.util.HashMap;
import java.util.Map;

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

    String of(String channel) {
        String topic = byChannel.get(channel);
        if (topic == null) {
            if (byChannel.size() >= MAX) {
                byChannel.clear();
            }
            topic = template.topic(channel);
            byChannel.put(channel, topic);
        }
        return topic;
    }
}
