package dev.wren.uplink.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A QoS 1 MQTT 3.1.1 subscriber that records every message in arrival order and reconnects by
 * itself (every 50 ms) when the broker goes away.
 *
 * <p>It speaks the protocol itself rather than through Paho so that a message is recorded the
 * moment its bytes are read, before it is acknowledged: Paho hands messages to the application
 * on a separate thread and drops the ones still queued for it when the connection breaks, which
 * would make a killed broker look like lost messages. With a persistent session
 * ({@code cleanSession} false, on a broker with {@link Mosquitto.Builder#persistence()
 * persistence} saved after subscribing) the broker queues what arrives while this subscriber is
 * away and delivers it on reconnection.
 */
public final class Subscriber implements AutoCloseable {

    /** A message as it arrived. */
    public record Received(String topic, byte[] payload, boolean retained, boolean duplicate) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** @return the number in the payload's {@code "id"} field, or -1 */
        public long id() {
            return Subscriber.id(payload);
        }
    }

    private static final int KEEPALIVE_S = 60;
    private static final byte[] ID = "\"id\":".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress address;
    private final String clientId;
    private final boolean cleanSession;
    private final String user;
    private final String password;
    private final List<String> filters;
    private final Thread thread;
    private final List<Received> received = new ArrayList<>();
    private volatile boolean closed;
    private volatile Socket socket;
    private volatile OutputStream out;
    private int connections;
    private String refusal;

    private Subscriber(String host, int port, String clientId, boolean cleanSession, String user, String password,
            List<String> filters) {
        this.address = new InetSocketAddress(host, port);
        this.clientId = clientId;
        this.cleanSession = cleanSession;
        this.user = user;
        this.password = password;
        this.filters = List.copyOf(filters);
        this.thread = new Thread(this::run, "subscriber-" + clientId);
        thread.setDaemon(true);
    }

    /** Connects anonymously and subscribes to {@code filters} at QoS 1; returns once subscribed. */
    public static Subscriber connect(Mosquitto broker, String clientId, boolean cleanSession, String... filters) {
        return connectAs(broker, clientId, cleanSession, null, null, filters);
    }

    /** Connects with credentials (user null = anonymous) and subscribes; returns once subscribed. */
    public static Subscriber connectAs(Mosquitto broker, String clientId, boolean cleanSession, String user,
            String password, String... filters) {
        Subscriber s = new Subscriber("127.0.0.1", broker.port(), clientId, cleanSession, user, password, List.of(filters));
        s.thread.start();
        if (!s.awaitConnections(1, Duration.ofSeconds(10))) {
            s.close();
            throw new IllegalStateException("subscriber " + clientId + " could not subscribe: " + s.refusal());
        }
        return s;
    }

    /** @return every message so far, in arrival order */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    public synchronized int count() {
        return received.size();
    }

    /** @return the ids of the messages so far, in arrival order (-1 for messages without one) */
    public synchronized long[] ids() {
        return received.stream().mapToLong(Received::id).toArray();
    }

    /** @return the distinct ids so far */
    public synchronized Set<Long> distinctIds() {
        Set<Long> out = new HashSet<>();
        for (Received r : received) {
            out.add(r.id());
        }
        return out;
    }

    /** @return how many times it connected and subscribed */
    public synchronized int connections() {
        return connections;
    }

    /** Waits until {@code condition} holds for the messages so far. */
    public boolean await(Predicate<List<Received>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!condition.test(received)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                waitNanos(left);
            }
            return true;
        }
    }

    /** Waits until every id of {@code ids} arrived at least once. */
    public boolean awaitIds(Collection<Long> ids, Duration timeout) {
        Set<Long> wanted = new HashSet<>(ids);
        int[] scanned = {0};
        return await(list -> {
            for (; scanned[0] < list.size(); scanned[0]++) {
                wanted.remove(list.get(scanned[0]).id());
            }
            return wanted.isEmpty();
        }, timeout);
    }

    public synchronized boolean awaitConnections(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connections < n && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            waitNanos(left);
        }
        return connections >= n;
    }

    /** @return why the last connection attempt was refused, or null */
    public synchronized String refusal() {
        return refusal;
    }

    /** Disconnects (cleanly, if connected) and stops reconnecting. */
    @Override
    public void close() {
        closed = true;
        OutputStream o = out;
        if (o != null) {
            try {
                synchronized (o) {
                    o.write(new byte[] {(byte) 0xE0, 0});
                    o.flush();
                }
            } catch (IOException e) {
                // closing anyway
            }
        }
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closed
            }
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!closed) {
            try (Socket s = new Socket()) {
                socket = s;
                s.connect(address, 1_000);
                s.setTcpNoDelay(true);
                s.setSoTimeout(KEEPALIVE_S * 500);
                DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
                OutputStream o = new BufferedOutputStream(s.getOutputStream(), 1 << 14);
                out = o;
                handshake(in, o);
                read(in, o);
            } catch (IOException e) {
                // broker gone or refused: try again
            } finally {
                out = null;
                socket = null;
            }
            if (!closed) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void handshake(DataInputStream in, OutputStream o) throws IOException {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        string(v, "MQTT");
        v.write(4);
        int flags = cleanSession ? 0x02 : 0;
        if (user != null) {
            flags |= 0x80 | (password != null ? 0x40 : 0);
        }
        v.write(flags);
        v.write(KEEPALIVE_S >> 8);
        v.write(KEEPALIVE_S & 0xff);
        string(v, clientId);
        if (user != null) {
            string(v, user);
            if (password != null) {
                string(v, password);
            }
        }
        packet(o, 0x10, v.toByteArray());
        o.flush();
        int type = in.readUnsignedByte();
        int length = remainingLength(in);
        byte[] connack = new byte[length];
        in.readFully(connack);
        if (type != 0x20 || length != 2 || connack[1] != 0) {
            synchronized (this) {
                refusal = "CONNACK return code " + (length == 2 ? connack[1] : -1);
            }
            throw new IOException(refusal);
        }
        ByteArrayOutputStream sub = new ByteArrayOutputStream();
        sub.write(0);
        sub.write(1);
        for (String f : filters) {
            string(sub, f);
            sub.write(1);
        }
        packet(o, 0x82, sub.toByteArray());
        o.flush();
    }

    private void read(DataInputStream in, OutputStream o) throws IOException {
        while (!closed) {
            int header;
            try {
                header = in.readUnsignedByte();
            } catch (SocketTimeoutException e) {
                synchronized (o) {
                    o.write(new byte[] {(byte) 0xC0, 0});
                    o.flush();
                }
                continue;
            }
            int length = remainingLength(in);
            byte[] body = new byte[length];
            in.readFully(body);
            switch (header >> 4) {
                case 3 -> publish(header, body, o);
                case 9 -> {
                    for (int i = 2; i < body.length; i++) {
                        if ((body[i] & 0xff) == 0x80) {
                            throw new IOException("subscription refused");
                        }
                    }
                    synchronized (this) {
                        connections++;
                        refusal = null;
                        notifyAll();
                    }
                }
                default -> {
                    // PINGRESP and anything else: nothing to do
                }
            }
            if (in.available() == 0) {
                synchronized (o) {
                    o.flush();
                }
            }
        }
    }

    private void publish(int header, byte[] body, OutputStream o) throws IOException {
        int qos = (header >> 1) & 3;
        int topicLength = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
        String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
        int at = 2 + topicLength;
        int packetId = -1;
        if (qos > 0) {
            packetId = ((body[at] & 0xff) << 8) | (body[at + 1] & 0xff);
            at += 2;
        }
        byte[] payload = new byte[body.length - at];
        System.arraycopy(body, at, payload, 0, payload.length);
        synchronized (this) {
            received.add(new Received(topic, payload, (header & 1) != 0, (header & 8) != 0));
            notifyAll();
        }
        if (qos == 1) {
            synchronized (o) {
                o.write(new byte[] {0x40, 2, (byte) (packetId >> 8), (byte) packetId});
            }
        } else if (qos == 2) {
            throw new IOException("QoS 2 is not supported");
        }
    }

    private static void packet(OutputStream o, int type, byte[] body) throws IOException {
        synchronized (o) {
            o.write(type);
            int n = body.length;
            do {
                int b = n % 128;
                n /= 128;
                o.write(n > 0 ? b | 0x80 : b);
            } while (n > 0);
            o.write(body);
        }
    }

    private static int remainingLength(DataInputStream in) throws IOException {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = in.readUnsignedByte();
            value |= (b & 0x7f) << shift;
            shift += 7;
            if (shift > 21 && (b & 0x80) != 0) {
                throw new EOFException("bad remaining length");
            }
        } while ((b & 0x80) != 0);
        return value;
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length & 0xff);
        out.writeBytes(b);
    }

    static long id(byte[] payload) {
        outer:
        for (int i = 0; i + ID.length <= payload.length; i++) {
            for (int j = 0; j < ID.length; j++) {
                if (payload[i + j] != ID[j]) {
                    continue outer;
                }
            }
            long v = 0;
            int k = i + ID.length;
            boolean any = false;
            while (k < payload.length && payload[k] >= '0' && payload[k] <= '9') {
                v = v * 10 + (payload[k++] - '0');
                any = true;
            }
            return any ? v : -1;
        }
        return -1;
    }

    private void waitNanos(long nanos) {
        try {
            wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
