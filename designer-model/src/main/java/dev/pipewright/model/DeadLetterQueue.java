// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import java.time.Duration;

/**
 * A queue that collects what other queues gave up on. With {@code retryAfter} set, each message
 * goes back to the queue it was dead-lettered from after that delay, at most {@code maxRetries}
 * times. The other settings are as for {@link Queue}.
 *
 * @param retryAfter delay before a message is sent back to its origin; null for no retry
 * @param maxRetries how many times a message is sent back; null for no limit
 * @param queueType RabbitMQ's queue type; it changes the rules only under the RabbitMQ profile
 * @param visibilityTimeout as for {@link Queue}: SQS's visibility timeout, null for 30 s
 * @param fifo as for {@link Queue}: an SQS FIFO queue
 */
public record DeadLetterQueue(String id, String name, Position position,
                              Integer maxLength, Overflow overflow, Duration messageTtl, Integer maxPriority,
                              Duration deliveryDelay, Integer deliveryLimit, Duration redeliveryDelay,
                              double redeliveryMultiplier, Duration maxRedeliveryDelay,
                              boolean singleActiveConsumer, boolean durable,
                              Duration retryAfter, Integer maxRetries, QueueType queueType,
                              Duration visibilityTimeout, boolean fifo) implements Node, QueueSettings {

    public DeadLetterQueue {
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
        Checks.positiveOrNull("retryAfter", retryAfter);
        Checks.atLeastOrNull("maxRetries", maxRetries, 1);
        QueueSettings.checkVisibilityTimeout(visibilityTimeout);
    }

    public static DeadLetterQueue of(String id, String name, Position position) {
        return new DeadLetterQueue(id, name, position, null, Overflow.DROP_HEAD, null, null, null, null, null, 1.0,
                null, false, true, null, null, QueueType.CLASSIC, null, false);
    }
}
