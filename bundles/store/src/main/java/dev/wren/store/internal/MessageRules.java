package dev.wren.store.internal;

import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

import dev.wren.store.Message;
import dev.wren.store.OutboxException;
import dev.wren.store.OutboxException.Reason;

/** The rules of {@link Message}, checked at put. */
final class MessageRules {

    private MessageRules() {
    }

    static void check(Message m, int maxPayload) throws OutboxException {
        if (m.priority() < Message.HIGHEST || m.priority() > Message.LOWEST) {
            throw invalid("priority must be " + Message.HIGHEST + " to " + Message.LOWEST
                    + ", was " + m.priority());
        }
        if (m.ttlMillis() < 0) {
            throw invalid("ttl must be 0 (never expires) or positive, was " + m.ttlMillis());
        }
        String channelProblem = channelProblem(m.channel());
        if (channelProblem != null) {
            throw invalid("channel '" + m.channel() + "' " + channelProblem);
        }
        byte[] p = m.payload();
        if (p.length > maxPayload) {
            throw new OutboxException(Reason.TOO_LARGE, "payload of " + p.length
                    + " bytes on '" + m.channel() + "' is over the maximum of " + maxPayload);
        }
        if (!isJsonObject(p)) {
            throw invalid("payload on '" + m.channel() + "' must be a JSON object ({...})");
        }
        Message.Origin o = m.origin();
        if (o != null && (!o.gateway().matches("[A-Za-z0-9][A-Za-z0-9._-]{0," + (Message.Origin.MAX_GATEWAY - 1) + "}")
                || o.id() <= 0 || o.created() <= 0)) {
            throw invalid("origin must be a gateway id of 1 to " + Message.Origin.MAX_GATEWAY + " letters, digits, '.', "
                    + "'_' or '-' with a positive id and time, was " + o);
        }
    }

    /** @return what is wrong with a channel, or null */
    /** @throws IllegalArgumentException naming {@code property} unless {@code filter} is empty or an LDAP filter */
    static void requireFilterOrEmpty(String property, String filter) {
        if (!filter.isBlank()) {
            try {
                FrameworkUtil.createFilter(filter);
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(property + ": must be empty or an LDAP filter such as "
                        + "(severity>=2), was '" + filter + "' (" + e.getMessage() + ")");
            }
        }
    }

    /** @throws IllegalArgumentException naming {@code property} if {@code p} is not a priority */
    static void requirePriority(String property, int p) {
        if (p < Message.HIGHEST || p > Message.LOWEST) {
            throw new IllegalArgumentException(property + ": must be " + Message.HIGHEST + " to " + Message.LOWEST
                    + ", was " + p);
        }
    }

    /**
     * @return the sink's channel template, trimmed
     * @throws IllegalArgumentException naming {@code channel} unless the template holds {@code {sensor}}
     *                                  and, filled in, is a valid channel
     */
    static String requireChannelTemplate(String template) {
        String ch = template.trim();
        String problem = channelProblem(ch.replace("{sensor}", "s").replace("{quantity}", "q"));
        if (!ch.contains("{sensor}") || problem != null) {
            throw new IllegalArgumentException("channel: must contain {sensor} and be a valid channel ("
                    + (problem == null ? "no {sensor}" : problem) + "), was '" + template + "'");
        }
        return ch;
    }

    static String channelProblem(String c) {
        if (c.isEmpty() || c.length() > Message.MAX_CHANNEL) {
            return "must be 1 to " + Message.MAX_CHANNEL + " characters";
        }
        if (c.charAt(0) == '$') {
            return "must not start with $";
        }
        char previous = '/';
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch == '+' || ch == '#') {
                return "must not contain the wildcard " + ch;
            }
            if (ch == 0 || Character.isISOControl(ch)) {
                return "must not contain control characters";
            }
            if (ch == '/' && previous == '/') {
                return "must not have an empty level";
            }
            previous = ch;
        }
        return previous == '/' ? "must not end with /" : null;
    }

    static boolean isJsonObject(byte[] p) {
        int first = 0;
        int last = p.length - 1;
        while (first <= last && isSpace(p[first])) {
            first++;
        }
        while (last > first && isSpace(p[last])) {
            last--;
        }
        return first < last && p[first] == '{' && p[last] == '}';
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static OutboxException invalid(String why) {
        return new OutboxException(Reason.INVALID, why);
    }
}
