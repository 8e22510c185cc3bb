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
        bounded("Stopped", "Not stopped", () -> {
            framework.stop();
            return framework.waitForStop(BUDGET_MS).getType() != FrameworkEvent.WAIT_TIMEDOUT;
        });
    }

    /**
     * Stops every bundle above start level 1 (Wren, its libraries and Declarative Services), in reverse
     * start order, waiting at most {@value #BUDGET_MS} ms. What stays (Config Admin, the web console, the
     * framework) stops in {@link #run}. Not a framework stop: bnd's launcher ends the JVM with a status of
     * its own as soon as the framework has stopped.
     */
    void stopAboveLevelOne() {
        bounded("Gateway stopped", "Gateway not stopped", () -> {
            CountDownLatch done = new CountDownLatch(1);
            framework.adapt(FrameworkStartLevel.class).setStartLevel(1, e -> done.countDown());
            return done.await(BUDGET_MS, TimeUnit.MILLISECONDS);
        });
    }

    /** A stop that reports whether it finished within {@link #BUDGET_MS}. */
    private interface Stop {
        boolean within() throws BundleException, InterruptedException;
    }

    /** Runs {@code stop} while the framework runs, logging how long it took or what is still stopping. */
    private void bounded(String done, String notDone, Stop stop) {
        if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            if (stop.within()) {
                log.info(done + " in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
            } else {
                log.warn(notDone + " within " + BUDGET_MS + " ms, exiting anyway; still stopping: " + stopping());
            }
        } catch (BundleException | RuntimeException e) {
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
