package dev.wren.inference.internal;

import java.util.List;

import dev.wren.sensor.Reading;
import dev.wren.sensor.Window;

/** One model on one sensor in the reading pipeline: it takes what the sensor sends and runs the model on the windows it asked for. */
interface ModelLane extends AutoCloseable {

    /** @return what the model asked for; a lane whose model now asks for something else is replaced */
    Consumes consumes();

    void add(List<Reading> batch);

    void add(Window window);

    @Override
    void close();
}
