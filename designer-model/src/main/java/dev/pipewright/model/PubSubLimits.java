// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.time.Duration;

/**
 * Google Cloud Pub/Sub's defaults and ranges for a subscription, in one place for the engine, the
 * portability checks and the export. A queue bound to a topic is a subscription; its
 * {@link QueueSettings#visibilityTimeout()} is the ack deadline (the same meaning: how long a
 * delivered message may stay unacknowledged before it is delivered again), its delivery limit is
 * {@code maxDeliveryAttempts}, its redelivery delay and maximum are the retry policy's minimum and
 * maximum back-off, its message TTL is the retention duration and its {@code fifo} flag is message
 * ordering. Sources: docs/brokers.md, "Google Cloud Pub/Sub".
 */
public final class PubSubLimits {
    /** The ack deadline when a subscription does not set one (cloud.google.com/pubsub/docs/lease-management). */
    public static final Duration DEFAULT_ACK_DEADLINE = Duration.ofSeconds(10);
    /** The shortest ack deadline Pub/Sub accepts. */
    public static final Duration MIN_ACK_DEADLINE = Duration.ofSeconds(10);
    /** The longest ack deadline Pub/Sub accepts. */
    public static final Duration MAX_ACK_DEADLINE = Duration.ofSeconds(600);
    /** The retry policy's minimum back-off when it is exponential and does not set one. */
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofSeconds(10);
    /** The retry policy's maximum back-off when it does not set one, and the longest it may be. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(600);
    /** The fewest delivery attempts a dead-letter policy accepts. */
    public static final int MIN_DELIVERY_ATTEMPTS = 5;
    /** The most delivery attempts a dead-letter policy accepts. */
    public static final int MAX_DELIVERY_ATTEMPTS = 100;
    /** How long a subscription keeps an unacknowledged message unless set: 7 days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** The shortest retention duration Pub/Sub accepts: 10 minutes. */
    public static final Duration MIN_RETENTION = Duration.ofMinutes(10);
    /** The longest retention duration Pub/Sub accepts: 31 days. */
    public static final Duration MAX_RETENTION = Duration.ofDays(31);
    /**
     * The shortest pause of a push subscription's push back-off, which a nack or an ack deadline that
     * ends starts; it grows exponentially with further ones (cloud.google.com/pubsub/docs/push, "Push backoff").
     */
    public static final Duration MIN_PUSH_BACKOFF = Duration.ofMillis(100);
    /** The longest pause of the push back-off. */
    public static final Duration MAX_PUSH_BACKOFF = Duration.ofSeconds(60);
    /** The longest push endpoint address the model keeps (browsers' and proxies' common limit). */
    public static final int MAX_PUSH_ENDPOINT_CHARS = 2048;
    /** The message header the engine reads as a Pub/Sub message's ordering key; without it, the routing key. */
    public static final String ORDERING_KEY_HEADER = "orderingKey";

    private PubSubLimits() {
    }

    /** Whether {@code q} is a push subscription: it names a push endpoint. */
    public static boolean push(QueueSettings q) {
        return q.pushEndpoint() != null;
    }

    /**
     * A push endpoint as the model keeps it: null or blank for none, else an {@code https://} address
     * of at most 2,048 characters without spaces or control characters, as Pub/Sub pushes only to
     * HTTPS ("Endpoint URL ... A publicly accessible HTTPS address").
     *
     * @throws InvalidPropertyException saying what is wrong with it
     */
    static String checkPushEndpoint(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        if (url.length() > MAX_PUSH_ENDPOINT_CHARS) {
            throw new InvalidPropertyException("pushEndpoint", "must be at most " + MAX_PUSH_ENDPOINT_CHARS
                    + " characters (was " + url.length() + ")");
        }
        if (!url.regionMatches(true, 0, "https://", 0, 8) || url.length() == 8
                || url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new InvalidPropertyException("pushEndpoint", "must be an https:// address without spaces, as"
                    + " Pub/Sub pushes only to HTTPS (was '" + TerminalText.escape(url.length() > 60
                    ? url.substring(0, 60) + "..." : url) + "'), or left empty for a pull subscription");
        }
        return url;
    }

    /** The ack deadline of {@code q}: its visibility timeout, or Pub/Sub's 10 s. */
    public static Duration ackDeadline(QueueSettings q) {
        return q.visibilityTimeout() == null ? DEFAULT_ACK_DEADLINE : q.visibilityTimeout();
    }

    /** The retry policy's maximum back-off for {@code q}: its max redelivery delay, or Pub/Sub's 600 s. */
    public static Duration maxBackoff(QueueSettings q) {
        Duration max = q.maxRedeliveryDelay();
        return max == null || max.isZero() ? MAX_BACKOFF : max;
    }

    /** Whether {@code q} has an exponential retry policy (a redelivery delay); otherwise Pub/Sub redelivers at once. */
    public static boolean exponentialRetry(QueueSettings q) {
        return q.redeliveryDelay() != null && !q.redeliveryDelay().isZero();
    }
}
