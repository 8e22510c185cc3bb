package dev.wren.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A refused configuration at activation runs the declared defaults; they are themselves valid. */
class SamplerDefaultsTest {

    @Test
    void theDeclaredDefaultsAreValidSettings() {
        Sampler.Settings s = Sampler.Settings.of(Sampler.defaults());
        assertEquals(1, s.threads());
        assertEquals(3, s.faultThreshold());
        assertEquals(300_000, s.backoffMaxMs());
        assertEquals(10_000, s.defaults().full());
        assertEquals(5_000, s.readTimeoutMs());
        assertEquals(256, s.maxReadings());
        assertEquals(1_000, s.sinkSlowMs());
    }
}
