package dev.wren.inference.internal.spread;

/** A model bundle from a peer failed a check and was not installed (or was uninstalled again); the message says which. */
final class Refused extends Exception {

    private static final long serialVersionUID = 1L;

    Refused(String message) {
        super(message);
    }
}
