package dev.wren.inference;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the pipeline's insights (whiteboard). Called on the pipeline's thread: return quickly,
 * never block; a sink that throws is logged and skipped, the others still receive the insight.
 * The optional service property {@value #TARGET} is an LDAP filter over the insight's fields
 * {@code sensor}, {@code label} and {@code severity} (such as {@code (severity>=2)}).
 */
@ConsumerType
public interface InsightSink {

    /** Service property: the LDAP filter over the insight's fields. */
    String TARGET = "insights.target";

    /**
     * Configuration property a user types: the filter that becomes {@value #TARGET} (Wren's configuration
     * guard checks it and copies it; Kura's web UI cannot edit an attribute ending in {@code .target}).
     *
     * @since 1.2
     */
    String FILTER = "insights.filter";

    void accept(Insight insight);
}
