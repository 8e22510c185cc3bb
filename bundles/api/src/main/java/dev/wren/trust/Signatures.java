package dev.wren.trust;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.Bundle;

/**
 * The gateway's trust store, as a service: checks the signature of a jar file (a deployment
 * package before it is installed) or of an installed bundle (a model bundle before it serves,
 * however it was installed: Kura's Deployment Admin does not enforce signatures). Thread-safe;
 * a check reads the whole jar: about 2 ms for a model bundle, 70 ms for the 24 MB base package
 * (docs/benchmarks.md).
 */
@ProviderType
public interface Signatures {

    /** @return the verdict on the jar at {@code jar}; a file that is not a readable jar is refused */
    Verdict check(Path jar);

    /** @return the verdict on the installed bundle's content, as its jar held it */
    Verdict check(Bundle bundle);

    /** @return whether trust is configured, so that anything not trusted is refused */
    boolean enforced();

    /**
     * Writes the installed bundle's content as a jar file, entry for entry and byte for byte: the
     * jar {@link #check(Bundle)} judges. A signed bundle's copy carries its signature, so it can be
     * handed on to another gateway that checks it as it would the original.
     *
     * @throws IOException the bundle's entries cannot be read or {@code jar} cannot be written
     * @since 1.1
     */
    void copy(Bundle bundle, Path jar) throws IOException;
}
