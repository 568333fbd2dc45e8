// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.mqtt;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A publisher on MQTT 5 (Eclipse Paho's v5 client), for a source whose messages carry a Message
 * Expiry Interval ({@code mqtt-message-expiry}): MQTT 3.1.1 has no message properties, so the
 * 3.1.1 client cannot send one. The broker then deletes a message not yet delivered when its
 * interval ends, whichever protocol the subscriber speaks (MQTT 5.0 section 3.3.2.3.3; Mosquitto 2.0
 * does so for a 3.1.1 persistent session too, as {@code MqttExpiryTest} shows). Used from one thread.
 */
final class ExpiringPublisher implements AutoCloseable {
    private final MqttClient client;
    private final long expirySeconds;

    private ExpiringPublisher(MqttClient client, long expirySeconds) {
        this.client = client;
        this.expirySeconds = expirySeconds;
    }

    /**
     * Connects {@code clientId} with a clean start to {@code uri}.
     *
     * @param expirySeconds the Message Expiry Interval of every message it publishes, 1 to 2^32 - 1
     */
    static ExpiringPublisher connect(String uri, String clientId, String user, String password, int timeoutSeconds,
                                     long expirySeconds) throws MqttException {
        MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        try {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setConnectionTimeout(timeoutSeconds);
            o.setAutomaticReconnect(false);
            if (user != null) {
                o.setUserName(user);
            }
            if (password != null) {
                o.setPassword(password.getBytes(StandardCharsets.UTF_8));
            }
            client.connect(o);
            return new ExpiringPublisher(client, expirySeconds);
        } catch (MqttException | RuntimeException e) {
            client.close(true);
            throw e;
        }
    }

    /** Publishes {@code payload} to {@code topic}, returning once QoS 1 or 2 is acknowledged. */
    void publish(String topic, byte[] payload, int qos, boolean retain) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        m.setRetained(retain);
        MqttProperties properties = new MqttProperties();
        properties.setMessageExpiryInterval(expirySeconds);
        m.setProperties(properties);
        client.publish(topic, m);
    }

    /** Disconnects and closes, best effort: the broker may be gone already. */
    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000);
            }
        } catch (MqttException | RuntimeException e) {
            try {
                client.disconnectForcibly(0, 100, false);
            } catch (MqttException | RuntimeException again) {
                // Gone already.
            }
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            // Closed already.
        }
    }
}
