package dev.wren.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.eclipse.kura.cloudconnection.publisher.CloudPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.test.common.annotation.InjectService;

import dev.wren.store.Message;
import dev.wren.store.Outbox;
import dev.wren.uplink.Uplink;
import dev.wren.uplink.Uplink.State;
import dev.wren.uplink.testing.Publisher;
import dev.wren.uplink.testing.Publisher.Mode;

/**
 * The outbox drained through a Kura CloudPublisher (the way onto a Kura gateway's one cloud
 * connection), chosen by the {@code CloudPublisher.target} filter: messages leave the real Derby
 * outbox only once the publisher confirms them; without confirmations nothing is deleted and
 * everything is sent again; a publisher that throws loses nothing. Meanwhile Wren's own MQTT
 * uplink stands aside. The publisher is a stand-in written from Kura's documented API.
 */
class CloudUplinkTest extends GatewayTestBase {

    static final String CLOUD = "dev.wren.uplink.CloudUplink";
    private static final String CONFIGURABLE = "org.eclipse.kura.configuration.ConfigurableComponent";
    private static final String PUBLISHER_PID = "wren-it-publisher";

    private Outbox outbox;
    private Uplink uplink;

    private Publisher cloud;
    private ServiceRegistration<CloudPublisher> registration;
    private boolean hadConfiguration;

    /** After the base's configuration: the outbox needs it (this class may run first). */
    @BeforeEach
    void services(@InjectService(timeout = 20_000) Outbox o, @InjectService(timeout = 20_000) Uplink u) {
        outbox = o;
        uplink = u;
    }

    @AfterEach
    void restore() throws Exception {
        Configuration c = cm.getConfiguration(CLOUD, "?");
        if (hadConfiguration) {
            Gateway.update(c, Map.of("enabled", false));
        } else if (c.getProperties() != null) {
            c.delete();
        }
        if (registration != null) {
            registration.unregister();
        }
        if (cloud != null) {
            cloud.close();
        }
        Gateway.configure(cm);
        Gateway.await("the MQTT uplink back to DISABLED", () -> uplink.state() == State.DISABLED
                && uplink.reason().contains("broker.url is empty"), uplink::reason);
    }

    @Test
    void confirmedMessagesLeaveTheOutboxWhileTheMqttUplinkStandsAside() throws Exception {
        start(Mode.CONFIRM, 60);
        Gateway.update(cm.getConfiguration(Gateway.UPLINK, "?"), Map.of("broker.url", "tcp://127.0.0.1:1",
                "gateway.id", "it-gw", "backoff.initial.ms", 100L, "backoff.max.ms", 500L));
        Gateway.await("the MQTT uplink standing aside", () -> uplink.state() == State.DISABLED
                && uplink.reason().startsWith("standing aside: the outbox is drained through Kura's cloud connection"),
                uplink::reason);

        long delivered = outbox.stats().delivered();
        List<Long> ids = put(50, Message.EVENT);
        Gateway.await("every message handed over and confirmed",
                () -> ids.stream().allMatch(id -> cloud.copies(id) >= 1), () -> cloud.sent().size() + " handed over");
        Gateway.await("the outbox drained", () -> outbox.stats().stored() <= 2, () -> outbox.stats());
        Gateway.await("all 50 confirmed and deleted", () -> outbox.stats().delivered() >= delivered + 50,
                () -> outbox.stats());
        Publisher.Sent first = cloud.sent().stream().filter(s -> s.outboxId() == ids.get(0)).findFirst().orElseThrow();
        assertEquals("cloud-it/0", first.channel());
        assertTrue(first.body().startsWith("{\"id\":" + ids.get(0) + ",\"ts\":"), first.body());

        ServiceReference<?>[] listed = context.getServiceReferences(CONFIGURABLE, "(service.pid=" + CLOUD + ")");
        assertEquals(1, listed.length, "the cloud uplink among the configurable components");
        assertEquals(CLOUD, listed[0].getProperty("kura.service.pid"));
    }

    @Test
    void withoutConfirmationsNothingLeavesTheOutboxAndEverythingIsSentAgain() throws Exception {
        long delivered = outbox.stats().delivered();
        long stored = outbox.stats().stored();
        List<Long> ids = put(5, Message.ALERT);
        start(Mode.NEVER, 1);
        Gateway.await("every message sent a second time after the timeout",
                () -> ids.stream().allMatch(id -> cloud.copies(id) >= 2), () -> cloud.sent().size() + " handed over");
        assertEquals(delivered, outbox.stats().delivered(), "nothing deleted without a confirmation");
        assertTrue(outbox.stats().stored() >= stored + 5, outbox.stats().toString());

        cloud.mode(Mode.CONFIRM);
        Gateway.await("drained once confirmations come", () -> outbox.stats().stored() <= 2, () -> outbox.stats());
    }

    @Test
    void aPublisherThatThrowsLosesNothingAndIsRetried() throws Exception {
        long delivered = outbox.stats().delivered();
        long stored = outbox.stats().stored();
        List<Long> ids = put(5, Message.ALERT);
        start(Mode.REFUSE, 60);
        Gateway.await("publishing retried", () -> cloud.refused() >= 3, () -> cloud.refused() + " refusals");
        assertEquals(delivered, outbox.stats().delivered(), "nothing deleted");
        assertTrue(outbox.stats().stored() >= stored + 5, outbox.stats().toString());

        cloud.mode(Mode.CONFIRM);
        Gateway.await("every message arrives once the publisher accepts",
                () -> ids.stream().allMatch(id -> cloud.copies(id) == 1), () -> cloud.sent().size() + " handed over");
        Gateway.await("drained", () -> outbox.stats().stored() <= 2, () -> outbox.stats());
    }

    /** Registers the stand-in publisher and points an enabled cloud uplink at it. */
    private void start(Mode mode, int confirmTimeoutS) throws Exception {
        hadConfiguration = cm.getConfiguration(CLOUD, "?").getProperties() != null;
        cloud = new Publisher(mode);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("kura.service.pid", PUBLISHER_PID);
        registration = context.registerService(CloudPublisher.class, cloud, props);
        Map<String, Object> c = new HashMap<>();
        c.put("enabled", true);
        c.put("CloudPublisher.target", "(kura.service.pid=" + PUBLISHER_PID + ")");
        c.put("inflight.window", 10);
        c.put("confirm.timeout.s", confirmTimeoutS);
        c.put("retry.delay.ms", 50L);
        Gateway.update(cm.getConfiguration(CLOUD, "?"), c);
        Gateway.await("the cloud uplink listening to the publisher", () -> cloud.listeners() == 2,
                () -> cloud.listeners() + " listeners");
    }

    private List<Long> put(int n, int priority) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(outbox.put(new Message("cloud-it/" + i, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                    priority)));
        }
        return ids;
    }
}
