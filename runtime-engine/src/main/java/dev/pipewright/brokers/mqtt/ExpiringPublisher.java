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
 * Expiry Interval ({@code mqtt-message-expiry}, the source's or a scripted message's own): MQTT
 * 3.1.1 has no message properties, so the 3.1.1 client cannot send one. The broker then deletes a message not yet delivered when its
 * interval ends, whichever protocol the subscriber speaks (MQTT 5.0 section 3.3.2.3.3; Mosquitto 2.0
 * does so for a 3.1.1 persistent session too, as {@code MqttExpiryTest} shows). Used from one thread.
 */
final class ExpiringPublisher implements AutoCloseable {
    private final MqttClient client;

    private ExpiringPublisher(MqttClient client) {
        this.client = client;
    }

    /** Connects {@code clientId} with a clean start to {@code uri}. */
    static ExpiringPublisher connect(String uri, String clientId, String user, String password, int timeoutSeconds)
            throws MqttException {
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
            return new ExpiringPublisher(client);
        } catch (MqttException | RuntimeException e) {
            client.close(true);
            throw e;
        }
    }

    /**
     * Publishes {@code payload} to {@code topic} with a Message Expiry Interval of {@code expirySeconds}
     * (1 to 2^32 - 1; 0 or less: none), returning once QoS 1 or 2 is acknowledged.
     */
    void publish(String topic, byte[] payload, int qos, boolean retain, long expirySeconds) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        m.setRetained(retain);
        if (expirySeconds > 0) {
            MqttProperties properties = new MqttProperties();
            properties.setMessageExpiryInterval(expirySeconds);
            m.setProperties(properties);
        }
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
