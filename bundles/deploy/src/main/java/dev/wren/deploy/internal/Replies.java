package dev.wren.deploy.internal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.google.gson.JsonObject;

import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.store.OutboxException;
import dev.wren.uplink.RequestHandler;

/**
 * What the agent sends, through the outbox so that it outlives a lost connection and a restart:
 * answers on {@code deploy/res/<request>} and job notifications on {@code deploy/notify/<job>}.
 */
final class Replies {

    static final String APP = "deploy";
    private static final long ANSWER_TTL_MS = TimeUnit.DAYS.toMillis(1);

    private final Outbox outbox;
    private final Consumer<String> warn;

    Replies(Outbox outbox, Consumer<String> warn) {
        this.outbox = outbox;
        this.warn = warn;
    }

    void ok(String request, JsonObject body) {
        body.addProperty("request", request);
        body.addProperty("ok", true);
        put(APP + "/" + RequestHandler.RESPONSES + "/" + request, body, Message.ALERT);
    }

    void refused(String request, String why) {
        JsonObject body = new JsonObject();
        body.addProperty("request", request);
        body.addProperty("ok", false);
        body.addProperty("error", why);
        put(APP + "/" + RequestHandler.RESPONSES + "/" + request, body, Message.ALERT);
    }

    /** A notification of the job's phase; {@code extra} (may be null) adds progress or the package. */
    void notify(Job job, JsonObject extra) {
        JsonObject body = extra == null ? new JsonObject() : extra;
        body.addProperty("job", job.id());
        body.addProperty("phase", job.phase().name());
        if (job.name() != null) {
            JsonObject p = new JsonObject();
            p.addProperty("name", job.name());
            if (job.version() != null) {
                p.addProperty("version", job.version());
            }
            body.add("package", p);
        }
        if (job.reason() != null) {
            body.addProperty("reason", job.reason());
        }
        put(APP + "/notify/" + job.id(), body, job.phase().over() ? Message.ALERT : Message.EVENT);
    }

    private void put(String channel, JsonObject body, int priority) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        try {
            outbox.put(new Message(channel, bytes, priority, ANSWER_TTL_MS));
        } catch (OutboxException e) {
            warn.accept("could not queue " + channel + ": " + e.getMessage());
            if (e.reason() == OutboxException.Reason.TOO_LARGE && body.has("request") && body.has("ok")
                    && body.get("ok").getAsBoolean()) {
                refused(body.get("request").getAsString(), "the answer (" + bytes.length + " bytes) is larger than the"
                        + " outbox takes (its max.payload.bytes): " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            warn.accept("interrupted while queueing " + channel);
        }
    }
}
