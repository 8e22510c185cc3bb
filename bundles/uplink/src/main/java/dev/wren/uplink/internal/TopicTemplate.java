package dev.wren.uplink.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a message goes: the configured template with {@code {prefix}} and {@code {gateway}}
 * filled in, around the one {@code {channel}}. {@code {prefix}/{gateway}/{channel}} with prefix
 * {@code wren} and gateway {@code gw-7} sends channel {@code air/temperature} to
 * {@code wren/gw-7/air/temperature}.
 *
 * @param head  what comes before the channel
 * @param tail  what comes after it
 * @param state the birth and last-will topic, {@code <prefix>/<gateway>/state}
 * @param source the template as configured, for {@link #forGateway}
 * @param prefix the prefix as configured
 */
record TopicTemplate(String head, String tail, String state, String source, String prefix) {

    static final String DEFAULT = "{prefix}/{gateway}/{channel}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");

    /**
     * @throws IllegalArgumentException naming {@code topic.template} or {@code topic.prefix} and
     *         the rule broken
     */
    static TopicTemplate of(String template, String prefix, String gatewayId) {
        String p = prefix.trim();
        String problem = levelsProblem(p);
        if (problem != null) {
            throw new IllegalArgumentException("topic.prefix: " + problem + ", was '" + prefix + "'");
        }
        String t = template.trim();
        if (t.contains("+") || t.contains("#")) {
            throw new IllegalArgumentException("topic.template: must not contain the wildcards + or #, was '"
                    + template + "'");
        }
        StringBuilder head = new StringBuilder();
        StringBuilder out = head;
        StringBuilder tail = new StringBuilder();
        int channels = 0;
        Matcher m = PLACEHOLDER.matcher(t);
        int at = 0;
        while (m.find()) {
            out.append(t, at, m.start());
            switch (m.group(1)) {
                case "prefix" -> out.append(p);
                case "gateway" -> out.append(gatewayId);
                case "channel" -> {
                    channels++;
                    out = tail;
                }
                default -> throw new IllegalArgumentException("topic.template: unknown placeholder {" + m.group(1)
                        + "}; the placeholders are {prefix}, {gateway} and {channel}, was '" + template + "'");
            }
            at = m.end();
        }
        out.append(t.substring(at));
        if (channels != 1) {
            throw new IllegalArgumentException("topic.template: must contain {channel} exactly once, was '"
                    + template + "'");
        }
        if (head.indexOf("{") >= 0 || head.indexOf("}") >= 0 || tail.indexOf("{") >= 0 || tail.indexOf("}") >= 0) {
            throw new IllegalArgumentException("topic.template: unbalanced brace, was '" + template + "'");
        }
        String sample = head + "c" + tail;
        problem = levelsProblem(sample);
        if (problem != null) {
            throw new IllegalArgumentException("topic.template: " + problem + ", was '" + template + "'");
        }
        return new TopicTemplate(head.toString(), tail.toString(), p + "/" + gatewayId + "/state", template, prefix);
    }

    /**
     * @return this template for another gateway of the site (a message relayed here goes where that gateway
     *         would send it)
     * @throws IllegalArgumentException a gateway id that makes no valid topic
     */
    TopicTemplate forGateway(String gatewayId) {
        return of(source, prefix, gatewayId);
    }

    /** @return the topic of {@code channel}; see {@link Topics} for the cached form */
    String topic(String channel) {
        return head.concat(channel).concat(tail);
    }

    @Override
    public String toString() {
        return head + "{channel}" + tail;
    }

    private static String levelsProblem(String topic) {
        if (topic.isEmpty()) {
            return "must not be empty";
        }
        if (topic.charAt(0) == '$') {
            return "must not start with $ (reserved by brokers)";
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (c == '+' || c == '#') {
                return "must not contain the wildcards + or #";
            }
            if (Character.isISOControl(c)) {
                return "must not contain control characters";
            }
        }
        if (topic.startsWith("/") || topic.endsWith("/") || topic.contains("//")) {
            return "must not have an empty level (leading, trailing or double /)";
        }
        return null;
    }
}
