package dev.wren.itests.process;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import dev.wren.uplink.testing.Mosquitto;
import dev.wren.uplink.testing.Subscriber;
import dev.wren.uplink.testing.Subscriber.Received;

/**
 * A fleet operator's side of the deployment agent: publishes requests on
 * {@code wren/<gateway>/deploy/req/<id>} with a real MQTT client and reads answers and
 * notifications from an independent subscriber of {@code wren/<gateway>/deploy/#}.
 */
final class Requester implements AutoCloseable {

    private final String base;
    private final MqttClient client;
    final Subscriber answers;
    private int next;

    Requester(Mosquitto broker, String gateway) throws MqttException {
        base = "wren/" + gateway + "/deploy/";
        answers = Subscriber.connect(broker, "operator-sub", true, base + "#");
        client = new MqttClient(broker.url(), "operator", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        client.connect(o);
    }

    /** Publishes {@code json} as a new request; @return its id */
    String send(String json) throws MqttException {
        String id = "r" + (++next);
        send(id, json);
        return id;
    }

    void send(String id, String json) throws MqttException {
        client.publish(base + "req/" + id, json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    /** @return the answer to request {@code id}, waiting up to {@code timeout} */
    String answer(String id, Duration timeout) {
        String topic = base + "res/" + id;
        if (!answers.await(l -> l.stream().anyMatch(r -> r.topic().equals(topic)), timeout)) {
            throw new AssertionError("no answer to " + id + " within " + timeout + ": " + texts());
        }
        return first(topic).orElseThrow();
    }

    /** @return the first notification of {@code job} whose text contains {@code fragment}, waiting up to {@code timeout} */
    String notification(String job, String fragment, Duration timeout) {
        String topic = base + "notify/" + job;
        if (!answers.await(l -> l.stream().anyMatch(r -> r.topic().equals(topic) && r.text().contains(fragment)), timeout)) {
            throw new AssertionError("no notification of " + job + " with " + fragment + " within " + timeout + ": "
                    + texts());
        }
        return answers.received().stream().filter(r -> r.topic().equals(topic) && r.text().contains(fragment))
                .map(Received::text).findFirst().orElseThrow();
    }

    private Optional<String> first(String topic) {
        return answers.received().stream().filter(r -> r.topic().equals(topic)).map(Received::text).findFirst();
    }

    /** @return the last 12 messages, for a failure's message */
    List<String> texts() {
        List<String> all = answers.received().stream().map(r -> r.topic() + " " + r.text()).toList();
        return all.subList(Math.max(0, all.size() - 12), all.size());
    }

    @Override
    public void close() throws MqttException {
        answers.close();
        client.disconnect();
        client.close();
    }
}
