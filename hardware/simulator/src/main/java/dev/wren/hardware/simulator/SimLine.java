package dev.wren.hardware.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One GPIO line of the simulated board. The world drives an input ({@link #set}: a PIR sees
 * motion, a button is pressed); a driver drives an output and the world observes it (a relay
 * clicks, an LED lights). Edges reach Pi4J listeners of the line's input at once.
 */
public final class SimLine {

    private final int number;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean high;
    private volatile long edges;

    SimLine(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** @return whether the line is high */
    public boolean high() {
        return high;
    }

    /** @return level changes since the board started */
    public long edges() {
        return edges;
    }

    /** Drives the line; an actual change is an edge and reaches every listener. */
    public void set(boolean level) {
        boolean changed;
        synchronized (this) {
            changed = high != level;
            high = level;
            if (changed) {
                edges++;
            }
        }
        if (changed) {
            listeners.forEach(l -> l.accept(level));
        }
    }

    /** @param listener told the new level at each edge, on the thread that drove it */
    public void listen(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<Boolean> listener) {
        listeners.remove(listener);
    }
}
