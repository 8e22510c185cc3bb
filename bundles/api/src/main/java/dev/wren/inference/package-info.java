/**
 * On-device inference: models delivered as bundles, the insights they produce.
 *
 * <p>A <em>model bundle</em> carries no code: an ONNX file, a descriptor ({@code model.json}:
 * inputs, outputs, shapes, labels, normalisation, thresholds, the model's SHA-256) and test
 * vectors, and declares the capability {@value dev.wren.inference.Model#CAPABILITY} with the
 * attributes {@code name}, {@code version} and {@code role}. Wren's inference extender checks a
 * model bundle (checksum, graph against descriptor, test vectors) before it registers a
 * {@link dev.wren.inference.Model} service for it; several versions may be installed, the highest
 * valid one (or the pinned one) serves.
 *
 * <p>The pipeline turns sensor windows into {@link dev.wren.inference.Insight}s and hands them to
 * every {@link dev.wren.inference.InsightSink}; in FULL power mode it also hands the raw windows
 * the trigger found unusual to every {@link dev.wren.inference.SuspectWindowSink} (since 1.1). An
 * insight may have been computed by a peer gateway of the site from this gateway's features (work
 * sharing): it then names that peer and the network's share of its latency (since 1.5).
 * Features are computed as {@link dev.wren.inference.features} specifies, so models can be
 * trained outside Wren.
 */
@Export
@Version("1.5.0")
package dev.wren.inference;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
