// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.time.Duration;

/** The settings queues and dead-letter queues share, so the engine and exporters treat them alike. */
public sealed interface QueueSettings permits Queue, DeadLetterQueue {
    String id();

    String name();

    Integer maxLength();

    Overflow overflow();

    Duration messageTtl();

    Integer maxPriority();

    Duration deliveryDelay();

    Integer deliveryLimit();

    Duration redeliveryDelay();

    double redeliveryMultiplier();

    Duration maxRedeliveryDelay();

    boolean singleActiveConsumer();

    boolean durable();

    /** RabbitMQ's queue type; it matters only under the RabbitMQ profile. */
    QueueType queueType();

    /** SQS's visibility timeout, or null for its default of 30 s; it matters only under the SQS profile. */
    Duration visibilityTimeout();

    /** Set for an SQS FIFO queue; see {@link #sqsFifo()}. */
    boolean fifo();

    /**
     * Pub/Sub's exactly-once delivery (a queue's setting; a dead-letter queue has none): an ack after
     * the ack deadline fails, where under at-least-once it may still remove a message not yet
     * delivered again. It matters only under the Pub/Sub profile.
     */
    default boolean exactlyOnce() {
        return false;
    }

    /** Pub/Sub's push endpoint (a queue's setting), or null for a pull subscription; it matters only under the Pub/Sub profile. */
    default String pushEndpoint() {
        return null;
    }

    /** SQS's default visibility timeout (Amazon SQS Developer Guide, "Amazon SQS visibility timeout"). */
    Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);

    /** SQS's longest visibility timeout: 12 hours. */
    Duration MAX_VISIBILITY_TIMEOUT = Duration.ofHours(12);

    /** The visibility timeout in effect: the one set, or SQS's 30 s. */
    default Duration visibilityTimeoutOrDefault() {
        return visibilityTimeout() == null ? DEFAULT_VISIBILITY_TIMEOUT : visibilityTimeout();
    }

    /** Whether SQS makes this a FIFO queue: the flag is set or, as SQS requires of FIFO queues, the name ends {@code .fifo}. */
    default boolean sqsFifo() {
        return fifo() || name().endsWith(".fifo");
    }

    private static void fail(String property, String message) {
        throw new InvalidPropertyException(property, message);
    }

    static void checkPriority(Integer maxPriority) {
        if (maxPriority != null && (maxPriority < 1 || maxPriority > 255)) {
            fail("maxPriority", "must be between 1 and 255, or left empty for no priorities (was " + maxPriority + ")");
        }
    }

    static void checkVisibilityTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.compareTo(MAX_VISIBILITY_TIMEOUT) > 0)) {
            fail("visibilityTimeout", "must be between 0s and 12h, SQS's range, or left empty for its 30s (was "
                    + Durations.format(timeout) + ")");
        }
    }

    static void checkMultiplier(double multiplier) {
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            fail("redeliveryMultiplier", "must be 1 (a constant delay) or more (was " + multiplier + ")");
        }
        if (multiplier > Limits.MAX_REDELIVERY_MULTIPLIER) {
            fail("redeliveryMultiplier", "must be at most " + (int) Limits.MAX_REDELIVERY_MULTIPLIER
                    + " (was " + multiplier + ")");
        }
    }
}
