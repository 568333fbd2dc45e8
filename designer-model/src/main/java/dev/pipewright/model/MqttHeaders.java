// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.util.Map;

/**
 * How a flow states MQTT's per-publish and per-subscription settings without properties of its own:
 * as headers. A source's (or a scripted message's) headers {@value #QOS}, {@value #RETAIN} and
 * {@value #EXPIRY} are the PUBLISH packet's QoS, RETAIN flag and MQTT 5 Message Expiry Interval; a
 * topic-to-queue wire's header {@value #QOS} is the SUBSCRIBE's maximum QoS. A queue bound to a
 * topic stands for one subscription's session on the broker; a durable queue is a persistent
 * session, a non-durable one a clean start. Both QoS default to 1, as Eclipse Paho's
 * {@code MqttMessage} and {@code subscribe(topic)} do. A value that is not one of these reads as
 * the default; the MQTT portability check names it.
 */
public final class MqttHeaders {
    /** The publish QoS on a source, or the subscription's maximum QoS on a wire: 0, 1 or 2. */
    public static final String QOS = "mqtt-qos";
    /** {@code true}: the broker keeps the message as its topic's retained message. */
    public static final String RETAIN = "mqtt-retain";
    /** MQTT 5 Message Expiry Interval in whole seconds (1 to 4,294,967,295). */
    public static final String EXPIRY = "mqtt-message-expiry";
    /** QoS when no header says: Eclipse Paho's default for a message and a subscription. */
    public static final int DEFAULT_QOS = 1;
    /** MQTT 5's largest Message Expiry Interval: a four-byte integer of seconds. */
    public static final long MAX_EXPIRY_SECONDS = 4_294_967_295L;

    private MqttHeaders() {
    }

    /** The QoS these headers state (a source's, or a subscription wire's), {@link #DEFAULT_QOS} when none or not 0-2. */
    public static int qos(Map<String, String> headers) {
        String v = headers == null ? null : headers.get(QOS);
        return validQos(v) ? v.charAt(0) - '0' : DEFAULT_QOS;
    }

    /** True for "0", "1" and "2". */
    public static boolean validQos(String v) {
        return v != null && v.length() == 1 && v.charAt(0) >= '0' && v.charAt(0) <= '2';
    }

    /** True when these headers ask for the message to be retained ({@code true}, any case). */
    public static boolean retain(Map<String, String> headers) {
        return headers != null && "true".equalsIgnoreCase(headers.get(RETAIN));
    }

    /** The message expiry interval in seconds, or -1 for none or a value that is not 1 to {@link #MAX_EXPIRY_SECONDS}. */
    public static long expirySeconds(Map<String, String> headers) {
        String v = headers == null ? null : headers.get(EXPIRY);
        if (v == null || v.isEmpty() || v.length() > 10) {
            return -1;
        }
        long s = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            s = s * 10 + (c - '0');
        }
        return s >= 1 && s <= MAX_EXPIRY_SECONDS ? s : -1;
    }
}
