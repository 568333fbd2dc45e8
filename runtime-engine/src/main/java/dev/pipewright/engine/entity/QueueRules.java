// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.Broker;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.QueueType;

/**
 * The rules one queue follows under its flow's broker profile, worked out once when the run is
 * built. Each rule's source is in {@code docs/brokers.md}.
 *
 * @param deliveriesAllowed how many times a message may be delivered before the next requeue
 *                          dead-letters it ({@code delivery_limit}); 0 for no limit
 * @param requeueToBack     a requeued message goes behind the others instead of back to its place
 * @param maxPriority       the highest priority level kept apart; 0 for a plain FIFO queue
 * @param countsUnacked     the maximum length counts messages delivered and not yet acknowledged too
 * @param delaysRedelivery  the queue's redelivery delay applies (RabbitMQ has none)
 * @param expiryWire        expired messages take the queue's {@code expired} wire when it has one
 *                          (Artemis's expiry address; RabbitMQ dead-letters them with reason {@code expired})
 * @param ownTtlWins        a message's own time to live replaces the queue's (Artemis's
 *                          {@code expiry-delay} is for messages without one); otherwise the lower wins
 * @param reapEverySeconds  how often expired messages are removed wherever they are in the queue
 *                          (Artemis's {@code message-expiry-scan-period}); 0: only at the head
 */
record QueueRules(int deliveriesAllowed, boolean requeueToBack, int maxPriority, boolean countsUnacked,
                  boolean delaysRedelivery, boolean expiryWire, boolean ownTtlWins, double reapEverySeconds) {
    /** Artemis's {@code max-delivery-attempts} when an address setting does not say. */
    static final int ARTEMIS_DEFAULT_DELIVERY_ATTEMPTS = 10;
    /** Artemis's priorities are 0 to 9 on every queue. */
    static final int ARTEMIS_MAX_PRIORITY = 9;
    /** Artemis's {@code message-expiry-scan-period} by default: 30,000 ms. */
    static final double ARTEMIS_EXPIRY_SCAN_SECONDS = 30;

    static QueueRules of(Broker broker, QueueSettings q) {
        int limit = q.deliveryLimit() == null ? 0 : q.deliveryLimit();
        int priority = q.maxPriority() == null ? 0 : q.maxPriority();
        return switch (broker) {
            case GENERIC -> new QueueRules(limit, false, priority, false, true, true, false, 0);
            // Only quorum queues have a delivery limit; x-delivery-limit n allows n + 1 deliveries, and
            // without a limit a quorum queue returns a requeued message to the back (measured on 3.10.8).
            // Quorum queues have no priorities on 3.x.
            case RABBITMQ -> q.queueType() == QueueType.QUORUM
                    ? new QueueRules(limit == 0 ? 0 : limit + 1, limit == 0, 0, false, false, false, false, 0)
                    : new QueueRules(0, false, priority, false, false, false, false, 0);
            // max-delivery-attempts n allows n deliveries, 10 unless set; priorities 0-9 everywhere;
            // max-size-messages counts every message of the address, delivered or not; expired
            // messages go to the expiry address, a message's own expiration beats expiry-delay, and
            // the expiry reaper removes them wherever they are.
            case ARTEMIS -> new QueueRules(limit == 0 ? ARTEMIS_DEFAULT_DELIVERY_ATTEMPTS : limit, false,
                    ARTEMIS_MAX_PRIORITY, true, true, true, true, ARTEMIS_EXPIRY_SCAN_SECONDS);
        };
    }
}
