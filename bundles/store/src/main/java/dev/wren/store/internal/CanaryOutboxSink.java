package dev.wren.store.internal;

import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.wren.inference.Model;
import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.store.OutboxException;

/**
 * Sends every canary verdict (posted on {@value Model#TOPIC_CANARY}) to the cloud through the
 * outbox, on channel {@code models/<name>/canary}: a model rolled back by itself at
 * {@link Message#ALERT}, a promotion at {@link Message#EVENT}, so a fleet operator learns how each
 * model install went on every gateway.
 */
@Component(immediate = true, property = EventConstants.EVENT_TOPIC + "=" + Model.TOPIC_CANARY)
public class CanaryOutboxSink implements EventHandler {

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private Outbox outbox;

    @Override
    public void handleEvent(Event e) {
        Object name = e.getProperty("name");
        if (!(name instanceof String n) || !(e.getProperty("promoted") instanceof Boolean promoted)) {
            return;
        }
        StringBuilder b = new StringBuilder("{");
        Json.field(b, "model", n).append(',');
        Json.field(b, "version", text(e, "version")).append(',');
        Json.field(b, "serving", text(e, "serving")).append(',');
        Json.field(b, "verdict", promoted ? "promoted" : "rolled back").append(',');
        number(b, "inputs", e.getProperty("inputs")).append(',');
        number(b, "agreement", e.getProperty("agreement")).append(',');
        number(b, "fault_cases", e.getProperty("fault.cases")).append(',');
        number(b, "fault_agreement", e.getProperty("fault.agreement")).append(',');
        number(b, "canary_us", e.getProperty("canary.us")).append(',');
        number(b, "serving_us", e.getProperty("serving.us")).append(',');
        Json.field(b, "reason", text(e, "reason")).append('}');
        try {
            outbox.put(new Message("models/" + n + "/canary", b.toString().getBytes(StandardCharsets.UTF_8),
                    promoted ? Message.EVENT : Message.ALERT));
        } catch (OutboxException ex) {
            log.warn("Canary verdict of {} {} not stored: {}", n, text(e, "version"), ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static String text(Event e, String key) {
        Object v = e.getProperty(key);
        return v == null ? "" : v.toString();
    }

    /** A number, or null for a missing or not finite one (JSON has no NaN). */
    private static StringBuilder number(StringBuilder b, String key, Object v) {
        if (v instanceof Number x && Double.isFinite(x.doubleValue())) {
            return Json.field(b, key, Math.round(x.doubleValue() * 10_000) / 10_000.0);
        }
        return Json.string(b, key).append(":null");
    }
}
