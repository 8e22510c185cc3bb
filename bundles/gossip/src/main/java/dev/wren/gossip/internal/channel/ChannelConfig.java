package dev.wren.gossip.internal.channel;

/**
 * The channel's bounds, validated by the gossip component's settings.
 *
 * @param port            TCP port to listen on (0: any free one, for tests)
 * @param maxBytes        largest request or answer
 * @param rateBytesPerSec bytes per second sent to one member at most; 0 = unlimited
 * @param callsPerMember  calls in flight to one member at most
 * @param handlers        calls from the others answered at once at most (threads)
 * @param connectMillis   connect and handshake timeout
 */
public record ChannelConfig(int port, int maxBytes, long rateBytesPerSec, int callsPerMember, int handlers,
        int connectMillis) {

    /** Connections accepted at once at most: two per member of a large site. */
    static final int MAX_CONNECTIONS = 128;
}
