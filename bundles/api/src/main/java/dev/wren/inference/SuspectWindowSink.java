package dev.wren.inference;

import org.osgi.annotation.versioning.ConsumerType;

import dev.wren.sensor.Window;

/**
 * Receives the raw analysis windows the trigger model found unusual, so that they can be analysed
 * more deeply upstream (whiteboard). The pipeline hands them over only in
 * {@link dev.wren.power.PowerMode#FULL FULL} power mode, at most one per sensor per its configured
 * interval, after the window's {@link Insight} went to the {@link InsightSink}s.
 *
 * <p>The window holds the analysis window's samples (all axes interleaved, see {@link Window}) in a
 * fresh array that the sink owns; its {@code start} is the first frame's time and the insight's
 * {@code timestamp} its end. Called on the pipeline's thread: return quickly; a sink that throws is
 * logged and skipped. The optional service property {@value #TARGET} is an LDAP filter over the
 * insight's {@code sensor}, {@code label} and {@code severity}, as for {@link InsightSink}.
 *
 * @since 1.1
 */
@ConsumerType
public interface SuspectWindowSink {

    /** Service property: the LDAP filter over the insight's fields. */
    String TARGET = "windows.target";

    /**
     * Configuration property a user types: the filter that becomes {@value #TARGET}, as
     * {@link InsightSink#FILTER}.
     *
     * @since 1.2
     */
    String FILTER = "windows.filter";

    /**
     * @param insight what the pipeline concluded about the window
     * @param window  the raw samples the trigger fired on
     */
    void accept(Insight insight, Window window);
}
