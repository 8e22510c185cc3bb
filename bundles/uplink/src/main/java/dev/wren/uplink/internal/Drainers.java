package dev.wren.uplink.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Which of this bundle's two drainers takes from the outbox, so that only one does at a time:
 * the Kura cloud connection ({@link CloudUplink}) while it is enabled, otherwise the MQTT uplink
 * ({@link MqttUplink}). The MQTT uplink stands aside when the cloud one is enabled (it is told
 * through {@link #watch}); the cloud one starts taking only once the MQTT engine has stopped and
 * given its in-flight messages back ({@link #awaitMqttStopped}).
 */
final class Drainers {

    private static final Object LOCK = new Object();
    private static final List<Runnable> WATCHERS = new CopyOnWriteArrayList<>();
    private static boolean cloud;
    private static boolean mqtt;

    private Drainers() {
    }

    /** The cloud connection's wish; watchers hear of a change. */
    static void cloudEnabled(boolean enabled) {
        synchronized (LOCK) {
            if (cloud == enabled) {
                return;
            }
            cloud = enabled;
        }
        WATCHERS.forEach(Runnable::run);
    }

    static boolean cloudEnabled() {
        synchronized (LOCK) {
            return cloud;
        }
    }

    /** @return true, noting that an MQTT engine runs, unless the cloud connection is enabled */
    static boolean tryMqtt() {
        synchronized (LOCK) {
            mqtt = !cloud;
            return mqtt;
        }
    }

    /** No MQTT engine runs (any engine stopped and gave its in-flight messages back). */
    static void mqttStopped() {
        synchronized (LOCK) {
            mqtt = false;
            LOCK.notifyAll();
        }
    }

    /** @return true once no MQTT engine runs, false if one still does after {@code timeout} */
    static boolean awaitMqttStopped(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        synchronized (LOCK) {
            while (mqtt) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(LOCK, left);
            }
            return true;
        }
    }

    /** {@code r} runs (on the caller's thread: it must only schedule work) when the cloud's wish changes. */
    static void watch(Runnable r) {
        WATCHERS.add(r);
    }

    static void unwatch(Runnable r) {
        WATCHERS.remove(r);
    }
}
