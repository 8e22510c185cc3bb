/**
 * Who made a package or a model: the gateway's trust store and its verdict on signed jars.
 *
 * <p>Deployment packages and model bundles carry standard JAR signatures (the Deployment Admin
 * specification's format). {@link dev.wren.trust.Signatures} checks one against the trust store:
 * the certificates an operator placed in its directory (several at once, so a key can be rotated)
 * less those revoked by fingerprint. With no certificate configured nothing is enforced: every
 * verdict is {@link dev.wren.trust.Verdict.Status#UNCHECKED} and says what the jar carries. With
 * one, a jar is {@link dev.wren.trust.Verdict.Status#TRUSTED} only when every entry is signed by
 * one signer whose certificate, valid at signing time (its timestamp) or else now, is held or
 * chains to one held, and none of whose certificates is revoked; anything else is
 * {@link dev.wren.trust.Verdict.Status#REFUSED} with the reason. An installed bundle can be copied
 * back into a jar with its signature, to be handed on to a peer that checks it again (since 1.1).
 */
@Export
@Version("1.1.0")
package dev.wren.trust;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
