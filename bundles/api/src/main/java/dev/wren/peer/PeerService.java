package dev.wren.peer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What a gateway answers to {@link PeerChannel#call calls} from the other members: a whiteboard
 * service, registered with the property {@value #NAME} (1 to {@value PeerChannel#MAX_SERVICE_BYTES}
 * UTF-8 bytes, unique on the gateway). A call to a name no service has fails at the caller with
 * {@link PeerCallException.Reason#NO_SERVICE}.
 *
 * <p>{@link #answer} runs on one of the channel's few handler threads: it may block for disk
 * (storing what it was sent before answering is the point), but not for long; a call waits no
 * longer than its caller's timeout, and the caller then counts it as failed.
 *
 * @since 1.2
 */
@ConsumerType
public interface PeerService {

    /** Service property: the name callers use. */
    String NAME = "peer.service";

    /**
     * @param from    the calling member's id, as it said in the authenticated connection
     * @param request the caller's bytes; never null
     * @return the answer, at most the channel's size limit; never null
     * @throws Exception the call is refused: the caller gets {@link PeerCallException.Reason#FAILED}
     *         with the exception's message (keep it short and free of secrets)
     */
    byte[] answer(String from, byte[] request) throws Exception;
}
