// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.time.Duration;

/**
 * A point-to-point queue: each message goes to exactly one consumer. Its dead-letter target is the
 * node wired to its {@link Port#DEAD_LETTER} port.
 *
 * @param maxLength most messages it holds (ready ones); null for no limit
 * @param overflow what happens to a message when it is full
 * @param messageTtl how long a message may wait before it expires; null for never
 * @param maxPriority highest priority honoured (1 to 255); null for a queue without priorities
 * @param deliveryDelay how long a message waits before it can be delivered; null for none
 * @param deliveryLimit deliveries after which a message is dead-lettered; null for no limit
 * @param redeliveryDelay wait before a requeued message is delivered again; null for none
 * @param redeliveryMultiplier growth of the redelivery delay with each attempt (1 = constant)
 * @param maxRedeliveryDelay cap on the redelivery delay; null for no cap
 * @param singleActiveConsumer only one consumer instance receives at a time, preserving order
 * @param durable survives a broker restart (export only)
 * @param queueType RabbitMQ's queue type (classic, quorum or stream); it changes the rules only under the RabbitMQ profile
 * @param visibilityTimeout how long a received message stays hidden from other consumers (0 s to 12 h);
 *     null for SQS's 30 s; it changes the rules only under the SQS profile
 * @param fifo an SQS FIFO queue (so is one whose name ends {@code .fifo}); it changes the rules only
 *     under the SQS profile
 * @param partitions the partitions of the Kafka topic this queue is under the Kafka profile (1 to
 *     10,000); null for 1; it changes the rules only under the Kafka profile
 * @param exactlyOnce Pub/Sub's exactly-once delivery on this subscription: an ack after the ack
 *     deadline fails and the message is delivered again; it changes the rules only under the Pub/Sub
 *     profile
 * @param pushEndpoint the HTTPS address a Pub/Sub push subscription delivers to; null for a pull
 *     subscription; it changes the rules only under the Pub/Sub profile, where the consumer wired to
 *     the queue stands for the endpoint's handlers
 */
public record Queue(String id, String name, Position position,
                    Integer maxLength, Overflow overflow, Duration messageTtl, Integer maxPriority,
                    Duration deliveryDelay, Integer deliveryLimit, Duration redeliveryDelay,
                    double redeliveryMultiplier, Duration maxRedeliveryDelay,
                    boolean singleActiveConsumer, boolean durable, QueueType queueType,
                    Duration visibilityTimeout, boolean fifo, Integer partitions,
                    boolean exactlyOnce, String pushEndpoint) implements Node, QueueSettings {

    public Queue {
        id = Checks.id(id);
        name = Checks.name(name, id);
        position = position == null ? Position.ORIGIN : position;
        queueType = queueType == null ? QueueType.CLASSIC : queueType;
        Checks.betweenOrNull("maxLength", maxLength, 0, Limits.MAX_QUEUE_LENGTH);
        overflow = overflow == null ? Overflow.DROP_HEAD : overflow;
        Checks.positiveOrNull("messageTtl", messageTtl);
        QueueSettings.checkPriority(maxPriority);
        Checks.nonNegative("deliveryDelay", deliveryDelay);
        Checks.atLeastOrNull("deliveryLimit", deliveryLimit, 1);
        Checks.nonNegative("redeliveryDelay", redeliveryDelay);
        QueueSettings.checkMultiplier(redeliveryMultiplier);
        Checks.nonNegative("maxRedeliveryDelay", maxRedeliveryDelay);
        QueueSettings.checkVisibilityTimeout(visibilityTimeout);
        Checks.betweenOrNull("partitions", partitions, 1, Limits.MAX_PARTITIONS);
        pushEndpoint = PubSubLimits.checkPushEndpoint(pushEndpoint);
    }

    /** The Kafka topic's partitions: the ones set, or 1. */
    public int partitionsOrDefault() {
        return partitions == null ? 1 : partitions;
    }

    public static Queue of(String id, String name, Position position) {
        return new Queue(id, name, position, null, Overflow.DROP_HEAD, null, null, null, null, null, 1.0, null,
                false, true, QueueType.CLASSIC, null, false, null, false, null);
    }
}
