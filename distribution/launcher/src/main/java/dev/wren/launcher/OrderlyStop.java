package dev.wren.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * The JVM's shutdown hook (SIGINT, {@code System.exit}, and after SIGTERM what {@link StopSignal}
 * left: the bundles of start level 1 and the framework itself): stops the framework and waits
 * for it, so every bundle stops in reverse start order and every component deactivates (the
 * uplink says it is going offline and lets in-flight acknowledgements land, the outbox commits
 * and shuts Derby down). bnd's launcher registers no such hook: without it the JVM exits with the
 * framework running, and the broker publishes the last will.
 *
 * <p>Bounded: after {@value #BUDGET_MS} ms the hook returns and the JVM exits whatever is still
 * stopping, naming it, so a stop never hangs. A framework already stopped (stop from the shell, a
 * failed launch) is left alone.
 */
final class OrderlyStop extends Thread {

    /** What the framework may take to stop; the JVM's own exit comes on top. */
    static final long BUDGET_MS = 8_000;

    private final Framework framework;
    private final LaunchLog log;

    OrderlyStop(Framework framework, LaunchLog log) {
        super("wren-orderly-stop");
        this.framework = framework;
        this.log = log;
    }

    @Override
    public void run() {
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            framework.stop();
            FrameworkEvent e = framework.waitForStop(BUDGET_MS);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            if (e.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                log.warn("Not stopped within " + BUDGET_MS + " ms, exiting anyway; still stopping: " + stopping());
            } else {
                log.info("Stopped in " + ms + " ms");
            }
        } catch (BundleException | RuntimeException e) {
            log.error("Stop failed, exiting anyway: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops every bundle above start level 1 (Wren, its libraries and Declarative Services), in reverse
     * start order, waiting at most {@value #BUDGET_MS} ms. What stays (Config Admin, the web console, the
     * framework) stops in {@link #run}. Not a framework stop: bnd's launcher ends the JVM with a status of
     * its own as soon as the framework has stopped.
     */
    void stopAboveLevelOne() {
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return;
        }
        long t0 = System.nanoTime();
        CountDownLatch done = new CountDownLatch(1);
        try {
            framework.adapt(FrameworkStartLevel.class).setStartLevel(1, e -> done.countDown());
            if (done.await(BUDGET_MS, TimeUnit.MILLISECONDS)) {
                log.info("Gateway stopped in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
            } else {
                log.warn("Gateway not stopped within " + BUDGET_MS + " ms, exiting anyway; still stopping: " + stopping());
            }
        } catch (RuntimeException e) {
            log.error("Stop failed, exiting anyway: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String stopping() {
        StringBuilder b = new StringBuilder();
        for (Bundle bundle : framework.getBundleContext() == null ? new Bundle[0]
                : framework.getBundleContext().getBundles()) {
            if (bundle.getState() == Bundle.STOPPING) {
                b.append(b.length() == 0 ? "" : ", ").append(bundle.getSymbolicName());
            }
        }
        return b.length() == 0 ? "the framework itself" : b.toString();
    }
}
