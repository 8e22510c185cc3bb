package dev.wren.uplink.internal;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;

import org.eclipse.paho.client.mqttv3.MqttException;

/** Why a connection failed or ended, in the words an operator needs (Paho's codes mapped). */
final class Reasons {

    private Reasons() {
    }

    /** @return why a connection attempt failed */
    static String refused(Throwable t) {
        if (t instanceof MqttException e) {
            switch (e.getReasonCode()) {
                case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION:
                    return "connection refused: the broker does not accept MQTT 3.1.1";
                case MqttException.REASON_CODE_INVALID_CLIENT_ID:
                    return "connection refused: client id rejected by the broker";
                case MqttException.REASON_CODE_BROKER_UNAVAILABLE:
                    return "connection refused: broker unavailable";
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION:
                    return "connection refused: authentication failed (bad user name or password)";
                case MqttException.REASON_CODE_NOT_AUTHORIZED:
                    return "connection refused: not authorized (bad user name or password)";
                case MqttException.REASON_CODE_CLIENT_TIMEOUT:
                    return "broker unreachable: no answer to CONNECT in time";
                default:
                    break;
            }
        }
        String cause = transport(t);
        return cause != null ? cause : "connection failed: " + innermost(t);
    }

    /** @return why an established connection ended */
    static String lost(Throwable t) {
        if (t instanceof MqttException e && e.getReasonCode() == MqttException.REASON_CODE_CLIENT_TIMEOUT) {
            return "connection lost: no answer from the broker within the keepalive";
        }
        String cause = transport(t);
        return cause != null && (cause.startsWith("connection lost") || cause.startsWith("TLS")) ? cause
                : "connection lost: " + innermost(t);
    }

    /** @return the network or TLS problem in {@code t}'s causes, or null */
    private static String transport(Throwable t) {
        Throwable certificate = null;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CertPathBuilderException || c instanceof CertPathValidatorException) {
                return "TLS handshake failed: server certificate not trusted (" + message(c) + ")";
            }
            if (certificate == null && c instanceof CertificateException) {
                certificate = c;
            }
        }
        if (certificate != null) {
            String m = message(certificate);
            return "TLS handshake failed: " + (m.startsWith("No ") && m.contains("matching")
                    ? "server certificate does not name the broker's host (" : "certificate rejected (") + m + ")";
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                String m = innermost(c);
                return "TLS handshake failed: " + (m.contains("certificate_required")
                        ? "the broker requires a client certificate (" + m + ")"
                        : m.contains("bad_certificate") || m.contains("unknown_ca") || m.contains("certificate_unknown")
                        ? "the broker rejected the client certificate (" + m + ")" : m);
            }
            if (c instanceof UnknownHostException) {
                return "broker unreachable: unknown host " + message(c);
            }
            if (c instanceof ConnectException || c instanceof NoRouteToHostException
                    || c instanceof SocketTimeoutException) {
                return "broker unreachable: " + message(c);
            }
            if (c instanceof EOFException) {
                return "connection lost: the broker closed the connection";
            }
        }
        return null;
    }

    private static String innermost(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return message(c);
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        int colon = m.lastIndexOf(": ");
        return t instanceof CertPathBuilderException && colon > 0 ? m.substring(colon + 2) : m;
    }
}
