package dev.wren.itests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wren.sensor.Reading;
import dev.wren.sensor.ReadingSink;

/** A sink that remembers every batch it was given and can be told to throw. */
class CollectingSink implements ReadingSink {

    final List<List<Reading>> batches = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    private final boolean fail;

    CollectingSink(boolean fail) {
        this.fail = fail;
    }

    @Override
    public void accept(List<Reading> readings) {
        calls.incrementAndGet();
        if (fail) {
            throw new IllegalStateException("this sink always fails");
        }
        batches.add(readings);
    }

    int size() {
        return batches.size();
    }

    long newestTimestamp() {
        return batches.isEmpty() ? 0 : batches.get(batches.size() - 1).get(0).timestamp();
    }
}
