package dev.wren.gossip.internal.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Vector;

import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.PskIdentity;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsPSKExternal;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * TLS 1.3 with external pre-shared keys and an ephemeral X25519 exchange (psk_dhe_ke, RFC 8446
 * 4.2.9): no certificates, forward secrecy, AES-128-GCM or ChaCha20-Poly1305. Only 1.3 is offered
 * and accepted; a peer without a common key fails the handshake.
 */
final class PskTls {

    private static final int[] SUITES = {CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256};
    /** BouncyCastle's own primitives: 4.7 MB embedded, against 5.9 MB for the glue to the platform's (JCA). */
    private static final TlsCrypto CRYPTO = new BcTlsCrypto(new SecureRandom());

    private PskTls() {
    }

    /** The secured streams of one connection. */
    record Streams(InputStream in, OutputStream out, TlsCloser closer) {
    }

    /** Closes the TLS session (close_notify) and the socket under it. */
    interface TlsCloser {
        void close() throws IOException;
    }

    static Streams connect(InputStream in, OutputStream out, List<ChannelKeys.Psk> keys) throws IOException {
        TlsClientProtocol p = new TlsClientProtocol(in, out);
        p.connect(new Client(keys));
        return new Streams(p.getInputStream(), p.getOutputStream(), p::close);
    }

    static Streams accept(InputStream in, OutputStream out, List<ChannelKeys.Psk> keys) throws IOException {
        TlsServerProtocol p = new TlsServerProtocol(in, out);
        p.accept(new Server(keys));
        return new Streams(p.getInputStream(), p.getOutputStream(), p::close);
    }

    private static BasicTlsPSKExternal external(ChannelKeys.Psk k) {
        return new BasicTlsPSKExternal(k.identity(), CRYPTO.createSecret(k.key()), PRFAlgorithm.tls13_hkdf_sha256);
    }

    private static final class Client extends AbstractTlsClient {

        private final List<ChannelKeys.Psk> keys;

        Client(List<ChannelKeys.Psk> keys) {
            super(CRYPTO);
            this.keys = keys;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.TLSv13.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return SUITES.clone();
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        protected Vector getSupportedGroups(Vector roles) {
            Vector v = new Vector();
            v.add(NamedGroup.x25519);
            return v;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Vector getEarlyKeyShareGroups() {
            Vector v = new Vector();
            v.add(NamedGroup.x25519);
            return v;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Vector getExternalPSKs() {
            Vector v = new Vector();
            keys.forEach(k -> v.add(external(k)));
            return v;
        }

        @Override
        public TlsAuthentication getAuthentication() throws IOException {
            // a server that answers with a certificate instead of a key is not a member
            throw new TlsFatalAlert(AlertDescription.handshake_failure);
        }
    }

    private static final class Server extends AbstractTlsServer {

        private final List<ChannelKeys.Psk> keys;

        Server(List<ChannelKeys.Psk> keys) {
            super(CRYPTO);
            this.keys = keys;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.TLSv13.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return SUITES.clone();
        }

        @Override
        @SuppressWarnings("rawtypes")
        public TlsPSKExternal getExternalPSK(Vector offered) {
            for (Object o : offered) {
                byte[] id = ((PskIdentity) o).getIdentity();
                for (ChannelKeys.Psk k : keys) {
                    if (Arrays.equals(id, k.identity())) {
                        return external(k);
                    }
                }
            }
            return null;
        }

        @Override
        public TlsCredentials getCredentials() throws IOException {
            // reached only when no offered key matched: no certificate to fall back on
            throw new TlsFatalAlert(AlertDescription.handshake_failure);
        }
    }
}
