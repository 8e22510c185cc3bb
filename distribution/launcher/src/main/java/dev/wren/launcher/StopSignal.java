package dev.wren.launcher;

import sun.misc.Signal;

/**
 * SIGTERM (systemd's stop, {@code kill}) stops the framework in order <em>before</em> the JVM's
 * shutdown hooks start. They all run at once, and ONNX Runtime registers one that frees its native
 * environment at once: a model still being checked or a window still being scored on another
 * thread then crashes the JVM (SIGSEGV in libonnxruntime) instead of stopping. So the signal first
 * stops everything above start level 1 in order ({@link OrderlyStop#stopAboveLevelOne}: Wren, ONNX
 * Runtime's users among it), then exits with the status the JVM gives a SIGTERM (143); in the hooks
 * that follow, {@link OrderlyStop} stops the rest of the framework. SIGINT (Ctrl-C in a terminal)
 * keeps the JVM's own handling, which the console's line editor may take over.
 */
final class StopSignal {

    static final int EXIT = 128 + 15;

    private StopSignal() {
    }

    /** @return whether the handler is installed (not under {@code -Xrs}, which leaves SIGTERM to the JVM) */
    static boolean install(OrderlyStop stop, LaunchLog log) {
        try {
            Signal.handle(new Signal("TERM"), s -> {
                stop.stopAboveLevelOne();
                System.exit(EXIT);
            });
            return true;
        } catch (IllegalArgumentException e) {
            log.warn("SIGTERM left to the JVM (" + e.getMessage() + "): the framework stops in a shutdown hook, "
                    + "beside ONNX Runtime's own");
            return false;
        }
    }
}
