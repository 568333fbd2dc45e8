// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

/**
 * The MQTT session a subscription's queue stands for. Its client is the consumer wired to the
 * queue, connected while an instance of it is up. A persistent session (a durable queue; MQTT
 * 3.1.1 CleanSession 0, 5.0 Clean Start 0 with a session expiry) outlives a disconnect: it stays
 * subscribed and queues QoS 1 and 2 messages for the client, but not QoS 0 ones (Mosquitto's
 * {@code queue_qos0_messages false}). A clean session (a non-durable queue) ends at a disconnect:
 * what it held is discarded, and nothing is routed to it until the client is back and subscribes
 * anew, when it gets the retained messages first (MQTT 3.1.1 sections 3.1.2.4 and 3.3.1.3).
 */
final class MqttSession {
    final boolean persistent;
    boolean connected = true;
    boolean subscribed = true;

    MqttSession(boolean persistent) {
        this.persistent = persistent;
    }

    /** Why a message arriving now is not queued, or null when it is. */
    String refusal(int qos) {
        if (!subscribed) {
            return "no session: the client is disconnected and starts clean";
        }
        if (!connected && qos == 0) {
            return "QoS 0: not queued for a disconnected client";
        }
        return null;
    }
}
