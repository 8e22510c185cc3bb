package dev.wren.itests.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import dev.wren.store.Message;
import dev.wren.store.Stored;
import dev.wren.store.internal.DerbyOutbox;
import dev.wren.store.internal.OutboxLimits;
import dev.wren.uplink.internal.Configs;
import dev.wren.uplink.internal.Counters;
import dev.wren.uplink.internal.Engine;
import dev.wren.uplink.internal.Status;

/**
 * The store-and-forward half of a gateway as a process of its own, for the crash loop: Wren's
 * outbox on a Derby directory and Wren's uplink draining it to a broker, with {@code producers}
 * threads putting messages as fast as the outbox takes them. After each put returns it writes
 * {@code A <id>} to stdout, unbuffered: a line the parent read is a message the outbox
 * acknowledged. With 0 producers it drains until the outbox is empty, prints {@code EMPTY} and
 * exits.
 *
 * <p>Arguments: data directory, broker URL, gateway id, producers.
 */
public final class CrashLoopGateway {

    private static final FileOutputStream OUT = new FileOutputStream(FileDescriptor.out);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int producers = Integer.parseInt(args[3]);
        DerbyOutbox outbox = DerbyOutbox.open(dir, OutboxLimits.DEFAULTS);
        Engine engine = new Engine(Configs.settings(Map.of("broker.url", args[1], "gateway.id", args[2],
                "inflight.window", 100, "backoff.initial.ms", 100L, "backoff.max.ms", 1000L)), outbox, new Counters(),
                new Engine.Listener() {
                    @Override
                    public void status(Status status) {
                    }

                    @Override
                    public void dropped(Stored message, String why) {
                    }
                }).start();
        say("STARTED");
        for (int p = 0; p < producers; p++) {
            int me = p;
            Thread t = new Thread(() -> produce(outbox, me), "producer-" + p);
            t.start();
        }
        if (producers == 0) {
            while (outbox.stats().stored() > 0) {
                Thread.sleep(20);
            }
            engine.close();
            outbox.close();
            say("EMPTY");
            System.exit(0);
        }
    }

    private static void produce(DerbyOutbox outbox, int me) {
        long n = 0;
        try {
            while (true) {
                byte[] payload = ("{\"producer\":" + me + ",\"n\":" + n++ + ",\"pad\":\"" + "x".repeat(60) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                long id = outbox.put(new Message("crash/p" + me, payload, me % 2 == 0 ? Message.TELEMETRY : Message.EVENT));
                say("A " + id);
            }
        } catch (Exception e) {
            say("FAILED " + e);
        }
    }

    private static void say(String line) {
        byte[] b = (line + "\n").getBytes(StandardCharsets.US_ASCII);
        synchronized (OUT) {
            try {
                OUT.write(b);
            } catch (IOException e) {
                Runtime.getRuntime().halt(3);
            }
        }
    }
}
