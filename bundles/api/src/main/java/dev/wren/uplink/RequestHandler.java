package dev.wren.uplink;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Answers requests that reach the gateway over the uplink's MQTT session: a whiteboard service,
 * registered with the {@value #APP} property (since 1.2).
 *
 * <p><b>Topics.</b> While connected, the standalone uplink subscribes (QoS 1) for every handler to
 * the topic of channel {@code <app>/req} followed by one level, the request id: with the default
 * topic template {@code wren/<gateway>/<app>/req/<id>}. A request's answer is the handler's to send,
 * as a message on the channel {@code <app>/res/<id>} through the outbox (so an answer outlives a
 * lost connection and a restart); notifications of work that outlasts a request go on channels of
 * the handler's choosing under {@code <app>/}. Requests are not kept while the gateway is offline
 * (clean MQTT session): a requester that got no answer asks again.
 *
 * <p><b>Delivery</b> is at least once: the same id and payload can arrive twice. Requests are
 * handed over one at a time, in arrival order, on the uplink's request thread (never the thread
 * that sends the outbox): return quickly and do long work elsewhere. Up to 32 requests wait; one
 * arriving while 32 wait, with a payload over {@value #MAX_PAYLOAD} bytes, or an id that does not
 * match {@value #ID_PATTERN} is dropped with a warning in the log, unanswered.
 *
 * <p>Who may send requests is the broker's to decide (its access control on the gateway's topics);
 * a handler that changes the gateway checks what it is asked to install by other means as well
 * (the deployment agent installs only what the trust store accepts). On Kura, whose cloud
 * connection has request handlers of its own (Cloudlets), Wren's uplink does not subscribe.
 */
@ConsumerType
public interface RequestHandler {

    /** Service property (String, required): the handler's application, one topic level matching {@value #APP_PATTERN}. */
    String APP = "uplink.app";
    /** What an application name matches. */
    String APP_PATTERN = "[a-z][a-z0-9-]{0,31}";
    /** What a request id matches: one topic level. */
    String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";
    /** The largest request payload passed on, in bytes. */
    int MAX_PAYLOAD = 65_536;
    /** The channel level of requests: {@code <app>/req/<id>}. */
    String REQUESTS = "req";
    /** The channel level of answers: {@code <app>/res/<id>}. */
    String RESPONSES = "res";

    /**
     * A request arrived.
     *
     * @param id      the request id, the topic's last level, matching {@value #ID_PATTERN}
     * @param payload the MQTT payload as received, at most {@value #MAX_PAYLOAD} bytes; possibly not
     *                what the handler expects (malformed), which is the handler's to answer
     */
    void request(String id, byte[] payload);
}
