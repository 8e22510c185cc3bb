package dev.wren.itests.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.wren.uplink.testing.Mosquitto;
import dev.wren.uplink.testing.Subscriber;
import dev.wren.uplink.testing.Subscriber.Received;

/**
 * SIGTERM on a gateway draining to a real mosquitto, watched by an independent subscriber: the
 * framework stops in order, the state topic's last word is the documented offline message (the
 * broker never publishes the last will), the process is gone within the 10 s the stop promises,
 * Derby was shut down (no {@code db.lck} left), and after a restart nothing the broker had
 * acknowledged is sent again.
 */
class StopIT {

    static final Duration START = Duration.ofSeconds(60);
    static final Duration STOP = Duration.ofSeconds(10);
    static final String GATEWAY = "gw-stop";
    static final String STATE = "wren/" + GATEWAY + "/state";
    static final String WILL = "{\"online\":false}";

    @TempDir
    Path dir;

    @Test
    void sigtermSendsTheOfflineMessageShutsDerbyDownAndNothingAcknowledgedIsSentAgain() throws Exception {
        Path data = dir.resolve("data");
        try (Mosquitto broker = Mosquitto.in(dir.resolve("broker")).start();
                Subscriber sub = Subscriber.connect(broker, "watcher", false, "wren/#")) {
            Path config = uplinkConfig(dir.resolve("config"), broker.url());
            Set<Long> before;
            int seenBefore;
            try (GatewayProcess gw = GatewayProcess.start(data, GatewayProcess.freePort(), null,
                    Map.of("WREN_CONFIG", config.toString()))) {
                gw.awaitLine("Uplink connected to", START);
                assertTrue(sub.await(l -> ids(l).size() >= 5, START), "readings arrive: " + sub.received());

                assertTrue(gw.terminate(STOP), "the gateway was still running " + STOP.toSeconds() + " s after SIGTERM");
                assertTrue(gw.output().stream().anyMatch(l -> l.matches(".* INFO  \\[dev\\.wren\\.launcher\\] Stopped in \\d+ ms")),
                        "the stop logs its duration: " + tail(gw.output()));
                String uplink = gw.output().stream().filter(l -> l.contains("Uplink stopped in")).findFirst()
                        .orElseThrow(() -> new AssertionError("the uplink did not deactivate: " + tail(gw.output())));
                assertTrue(uplink.contains("offline state published"), uplink);
            }
            List<Received> first = sub.received();
            seenBefore = first.size();
            before = ids(first);
            List<String> states = first.stream().filter(r -> r.topic().equals(STATE)).map(Received::text).toList();
            assertTrue(states.get(states.size() - 1).matches("\\{\"online\":false,\"ts\":\\d+\\}"),
                    "the last state is the documented offline message: " + states);
            assertTrue(states.stream().noneMatch(WILL::equals), "the broker published the last will: " + states);
            try (Stream<Path> files = Files.walk(data.resolve("outbox"))) {
                assertEquals(List.of(), files.filter(f -> f.getFileName().toString().equals("db.lck")).toList(),
                        "Derby was not shut down");
            }

            try (GatewayProcess gw = GatewayProcess.start(data, GatewayProcess.freePort(), null,
                    Map.of("WREN_CONFIG", config.toString()))) {
                gw.awaitLine("Uplink connected to", START);
                assertTrue(sub.await(l -> ids(l.subList(seenBefore, l.size())).size() >= 5, START),
                        "readings arrive after the restart");
            }
            List<Received> all = sub.received();
            Set<Long> again = ids(all.subList(seenBefore, all.size()));
            again.retainAll(before);
            assertEquals(Set.of(), again, "messages acknowledged before SIGTERM were sent again");
        }
    }

    /** The shipped configuration with the uplink pointed at {@code broker}. */
    static Path uplinkConfig(Path dir, String broker) throws IOException {
        return Operator.config(dir, Map.of("dev.wren.uplink.Uplink.cfg", String.join("\n",
                "broker.url=" + broker, "gateway.id=" + GATEWAY, "topic.prefix=wren", "inflight.window=100",
                "batch.size=100", "backoff.initial.ms=200", "backoff.max.ms=2000", "")));
    }

    static Set<Long> ids(List<Received> received) {
        Set<Long> ids = new HashSet<>();
        for (Received r : received) {
            if (!r.topic().endsWith("/state")) {
                ids.add(r.id());
            }
        }
        return ids;
    }

    static String tail(List<String> output) {
        return String.join("\n", output.subList(Math.max(0, output.size() - 15), output.size()));
    }
}
