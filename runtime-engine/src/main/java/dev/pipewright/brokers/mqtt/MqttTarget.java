// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.mqtt;

import dev.pipewright.brokers.live.LiveFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT broker a live run uses: {@code tcp://[user@]host[:port]} (1883 unless given). The
 * password comes from {@value #PASSWORD_VARIABLE} (or, discouraged, the URL); {@link #toString()}
 * and every message show the address with the password masked.
 */
public final class MqttTarget {
    /** The environment variable the password comes from. */
    public static final String PASSWORD_VARIABLE = "PIPEWRIGHT_MQTT_PASSWORD";
    /** The local Mosquitto the tests and the docs use. */
    public static final String LOCAL = "tcp://127.0.0.1:1883";
    /** Seconds a connect may take before it fails. */
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final String uri;
    private final String user;
    private final String password;
    private final String shown;

    private MqttTarget(String uri, String user, String password, String shown) {
        this.uri = uri;
        this.user = user;
        this.password = password;
        this.shown = shown;
    }

    /**
     * Reads {@code spec}, {@code tcp://[user[:password]@]host[:port]}; {@code environmentPassword}
     * (may be null) is used when the URL holds none.
     *
     * @throws IllegalArgumentException in one sentence, the password masked, when it is not one
     */
    public static MqttTarget parse(String spec, String environmentPassword) {
        Objects.requireNonNull(spec, "spec");
        String text = spec.strip();
        String example = "; write e.g. " + LOCAL + " (a password in " + PASSWORD_VARIABLE + ")";
        URI u;
        try {
            u = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + mask(text) + "' is not an MQTT address" + example);
        }
        if (!"tcp".equalsIgnoreCase(u.getScheme()) || u.getHost() == null || u.getHost().isBlank()
                || u.getPort() > 65_535 || (u.getRawPath() != null && !u.getRawPath().isEmpty()
                && !u.getRawPath().equals("/")) || u.getRawQuery() != null) {
            throw new IllegalArgumentException("'" + mask(text) + "' is not an MQTT address tcp://host:port" + example);
        }
        String user = null;
        String password = environmentPassword == null || environmentPassword.isEmpty() ? null : environmentPassword;
        String info = u.getUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            user = colon < 0 ? info : info.substring(0, colon);
            if (colon >= 0) {
                password = info.substring(colon + 1);
            }
        }
        int port = u.getPort() < 0 ? 1883 : u.getPort();
        String address = "tcp://" + u.getHost() + ":" + port;
        String shown = "tcp://" + (user == null ? "" : user + (password == null ? "" : ":****") + "@") + u.getHost()
                + ":" + port;
        return new MqttTarget(address, user, password, shown);
    }

    /**
     * A connected client named {@code clientId}, with a clean session or a persistent one.
     *
     * @throws LiveFailure in one sentence naming the broker when it is not there or refuses the login
     */
    MqttClient connect(String clientId, boolean cleanSession) throws LiveFailure {
        return connect(clientId, cleanSession, null);
    }

    /**
     * As {@link #connect(String, boolean)}, with {@code callback} (null for none) set before the
     * connect and acknowledgements by hand: a persistent session's broker sends what the client
     * has yet to acknowledge at once, and a callback set after it would miss that.
     */
    MqttClient connect(String clientId, boolean cleanSession, org.eclipse.paho.client.mqttv3.MqttCallback callback)
            throws LiveFailure {
        MqttClient client = null;
        try {
            client = new MqttClient(uri, clientId, new MemoryPersistence());
            if (callback != null) {
                client.setManualAcks(true);
                client.setCallback(callback);
            }
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            o.setCleanSession(cleanSession);
            o.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
            o.setAutomaticReconnect(false);
            // Room for the messages a broker sends before their acknowledgements (Mosquitto: 20 by default).
            o.setMaxInflight(1_000);
            if (user != null) {
                o.setUserName(user);
            }
            if (password != null) {
                o.setPassword(password.toCharArray());
            }
            client.connect(o);
            return client;
        } catch (MqttException | RuntimeException e) {
            closeQuietly(client);
            throw new LiveFailure(describe(e, "connecting"), e);
        }
    }

    /**
     * An MQTT 5 publisher named {@code clientId}, whose messages can carry a Message Expiry Interval.
     *
     * @throws LiveFailure in one sentence naming the broker when it is not there or refuses the login
     */
    ExpiringPublisher connectExpiring(String clientId) throws LiveFailure {
        try {
            return ExpiringPublisher.connect(uri, clientId, user, password, CONNECT_TIMEOUT_SECONDS);
        } catch (org.eclipse.paho.mqttv5.common.MqttException | RuntimeException e) {
            throw new LiveFailure(describe(e, "connecting with MQTT 5"), e);
        }
    }

    /** Disconnects and closes {@code client}, best effort: the broker may be gone already. */
    static void closeQuietly(MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(1_000);
            }
        } catch (MqttException | RuntimeException e) {
            try {
                client.disconnectForcibly(0, 100);
            } catch (MqttException | RuntimeException again) {
                // Gone already.
            }
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            // Closing is best effort.
        }
    }

    /** One sentence for a failure while {@code doing} something with this broker. */
    String describe(Throwable e, String doing) {
        String why = null;
        for (Throwable t = e; t != null && why == null; t = t.getCause() == t ? null : t.getCause()) {
            why = reason(t);
        }
        if (why == null) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            why = String.valueOf(root.getMessage());
        }
        String text = "MQTT broker at " + shown + ": " + doing + " failed: " + why;
        return password == null || password.isEmpty() ? text : text.replace(password, "****");
    }

    private String reason(Throwable t) {
        if (t instanceof java.net.ConnectException) {
            return "nothing answers there (connection refused); start Mosquitto or correct the address";
        }
        if (t instanceof java.net.UnknownHostException) {
            return "the host is unknown; correct the address";
        }
        if (t instanceof MqttException m) {
            return switch (m.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED ->
                        "the broker refused the login" + (user == null ? " (no user given)" : " of user '" + user + "'")
                                + "; check the user and password (" + PASSWORD_VARIABLE + ")";
                case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "it did not answer in time; check that the broker runs"
                        + " and the port is open";
                case MqttException.REASON_CODE_CONNECTION_LOST -> "the connection was lost; check that the broker still runs";
                case MqttException.REASON_CODE_SERVER_CONNECT_ERROR -> m.getCause() == null
                        ? "nothing answers there (connection refused); start Mosquitto or correct the address" : null;
                default -> null;
            };
        }
        return null;
    }

    private static String mask(String text) {
        return text.replaceAll("(://[^:/@]*):[^@/]*@", "$1:****@").replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public String toString() {
        return shown;
    }
}
