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

    private static void fail(String property, String message) {
        throw new InvalidPropertyException(property, message);
    }

    static void checkPriority(Integer maxPriority) {
        if (maxPriority != null && (maxPriority < 1 || maxPriority > 255)) {
            fail("maxPriority", "must be between 1 and 255, or left empty for no priorities (was " + maxPriority + ")");
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
