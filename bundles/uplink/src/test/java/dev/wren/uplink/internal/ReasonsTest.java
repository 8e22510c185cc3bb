package dev.wren.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

/** Paho's failures in words (the TLS ones are checked against a real broker in RefusalTest). */
class ReasonsTest {

    @Test
    void refusals() {
        assertEquals("connection refused: not authorized (bad user name or password)",
                Reasons.refused(new MqttException(MqttException.REASON_CODE_NOT_AUTHORIZED)));
        assertEquals("connection refused: authentication failed (bad user name or password)",
                Reasons.refused(new MqttException(MqttException.REASON_CODE_FAILED_AUTHENTICATION)));
        assertEquals("connection refused: client id rejected by the broker",
                Reasons.refused(new MqttException(MqttException.REASON_CODE_INVALID_CLIENT_ID)));
        assertEquals("broker unreachable: Connection refused", Reasons.refused(
                new MqttException(MqttException.REASON_CODE_SERVER_CONNECT_ERROR, new ConnectException("Connection refused"))));
        assertEquals("broker unreachable: unknown host broker.invalid", Reasons.refused(
                new MqttException(MqttException.REASON_CODE_SERVER_CONNECT_ERROR, new UnknownHostException("broker.invalid"))));
    }

    @Test
    void losses() {
        assertEquals("connection lost: Connection reset", Reasons.lost(
                new MqttException(MqttException.REASON_CODE_CONNECTION_LOST, new SocketException("Connection reset"))));
        assertEquals("connection lost: the broker closed the connection",
                Reasons.lost(new MqttException(MqttException.REASON_CODE_CONNECTION_LOST, new EOFException())));
        assertEquals("connection lost: no answer from the broker within the keepalive",
                Reasons.lost(new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT)));
    }
}
