// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import dev.pipewright.model.Broker;
import dev.pipewright.model.NatsLimits;
import dev.pipewright.model.PubSubLimits;
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
 * @param visibilitySeconds SQS's visibility timeout: a received message not deleted within it becomes
 *                          visible again, and a failed one is not requeued but waits for it; -1 for a
 *                          broker that requeues at once
 * @param fifo              SQS FIFO: one message of a group in flight at a time, in order, and
 *                          duplicates within the deduplication window removed
 * @param ttlSeconds        the queue's time to live (SQS's retention period, 4 days unless set); 0 for none
 * @param expiryDeletes     an expired message is deleted, never dead-lettered (SQS's retention)
 * @param ordering          how messages of one group (SQS FIFO) or ordering key (Pub/Sub) are told
 *                          apart, and whether a duplicate within SQS's window is dropped
 * @param retry             Pub/Sub's retry policy: a nack (or an ack deadline that ends) redelivers at
 *                          once or after an exponential back-off (under NATS the nak's delay); null where
 *                          a failed message waits out the visibility timeout (SQS) or is requeued at once
 *                          (the others)
 */
record QueueRules(int deliveriesAllowed, boolean requeueToBack, int maxPriority, boolean countsUnacked,
                  boolean delaysRedelivery, boolean expiryWire, boolean ownTtlWins, double reapEverySeconds,
                  double visibilitySeconds, boolean fifo, double ttlSeconds, boolean expiryDeletes,
                  MessageOrdering ordering, PubSubRetry retry) {
    /** Artemis's {@code max-delivery-attempts} when an address setting does not say. */
    static final int ARTEMIS_DEFAULT_DELIVERY_ATTEMPTS = 10;
    /** Artemis's priorities are 0 to 9 on every queue. */
    static final int ARTEMIS_MAX_PRIORITY = 9;
    /** Artemis's {@code message-expiry-scan-period} by default: 30,000 ms. */
    static final double ARTEMIS_EXPIRY_SCAN_SECONDS = 30;

    /** SQS's message retention period when a queue does not set one: 4 days (345,600 s). */
    static final double SQS_DEFAULT_RETENTION_SECONDS = 4 * 24 * 3600;
    /**
     * The shortest visibility timeout the engine runs: SQS allows 0 s, but a message visible again
     * at the instant it is received would be received again at that instant, without end.
     */
    static final double MIN_VISIBILITY_SECONDS = 0.001;
    /** Most messages one SQS ReceiveMessage call returns ({@code MaxNumberOfMessages}). */
    static final int SQS_RECEIVE_BATCH = 10;

    static QueueRules of(Broker broker, QueueSettings q) {
        int limit = q.deliveryLimit() == null ? 0 : q.deliveryLimit();
        int priority = q.maxPriority() == null ? 0 : q.maxPriority();
        double ttl = q.messageTtl() == null ? 0 : q.messageTtl().toNanos() / 1e9;
        return switch (broker) {
            case GENERIC -> new QueueRules(limit, false, priority, false, true, true, false, 0, -1, false, ttl, false,
                    MessageOrdering.SQS, null);
            // Only quorum queues have a delivery limit; x-delivery-limit n allows n + 1 deliveries, and
            // without a limit a quorum queue returns a requeued message to the back (measured on 3.10.8).
            // Quorum queues have no priorities on 3.x.
            case RABBITMQ -> q.queueType() == QueueType.QUORUM
                    ? new QueueRules(limit == 0 ? 0 : limit + 1, limit == 0, 0, false, false, false, false, 0, -1, false,
                            ttl, false, MessageOrdering.SQS, null)
                    : new QueueRules(0, false, priority, false, false, false, false, 0, -1, false, ttl, false,
                            MessageOrdering.SQS, null);
            // max-delivery-attempts n allows n deliveries, 10 unless set; priorities 0-9 everywhere;
            // max-size-messages counts every message of the address, delivered or not; expired
            // messages go to the expiry address, a message's own expiration beats expiry-delay, and
            // the expiry reaper removes them wherever they are.
            case ARTEMIS -> new QueueRules(limit == 0 ? ARTEMIS_DEFAULT_DELIVERY_ATTEMPTS : limit, false,
                    ARTEMIS_MAX_PRIORITY, true, true, true, true, ARTEMIS_EXPIRY_SCAN_SECONDS, -1, false, ttl, false,
                    MessageOrdering.SQS, null);
            // maxReceiveCount n: n receives, then the redrive policy moves it to the dead-letter queue;
            // no priorities, no redelivery delay (the visibility timeout is the wait); retention deletes.
            case SQS -> new QueueRules(limit, false, 0, false, false, false, false, 0,
                    Math.max(MIN_VISIBILITY_SECONDS, q.visibilityTimeoutOrDefault().toNanos() / 1e9), q.sqsFifo(),
                    ttl > 0 ? ttl : SQS_DEFAULT_RETENTION_SECONDS, true, MessageOrdering.SQS, null);
            // maxDeliveryAttempts n: n deliveries, then the dead-letter topic; the ack deadline works as
            // the visibility timeout; a nack (and an ack deadline that ends) redelivers per the retry
            // policy, at once without one; ordering keys only on a subscription with message ordering
            // (the fifo flag); no priorities; retention deletes, 7 days unless set.
            case PUBSUB -> new QueueRules(limit, false, 0, false, true, false, false, 0,
                    Math.max(MIN_VISIBILITY_SECONDS, PubSubLimits.ackDeadline(q).toNanos() / 1e9), q.fifo(),
                    ttl > 0 ? ttl : PubSubLimits.DEFAULT_RETENTION.toSeconds(), true, MessageOrdering.PUBSUB,
                    PubSubRetry.of(q));
            // A subscription's session queue: no delivery limit (nothing is ever requeued by a nack),
            // no priorities, no queue TTL (only a message's own expiry), and expired messages are
            // deleted: MQTT has no dead-letter queue. The session itself is MqttSession's.
            case MQTT -> new QueueRules(0, false, 0, false, false, false, false, 0, -1, false, 0, true,
                    MessageOrdering.SQS, null);
            // A queue is a Kafka topic (KafkaTopicEntity has its rules); these are for a dead-letter
            // queue, the <topic>.DLT topic: no priorities, no redelivery delay, retention deletes.
            case KAFKA -> new QueueRules(limit, false, 0, false, false, false, false, 0, -1, false, ttl, true,
                    MessageOrdering.SQS, null);
            // A stream and its durable pull consumer: max_deliver n allows n deliveries (none unless set);
            // ack_wait works as the visibility timeout; a nak redelivers at once or after its delay (the
            // queue's redelivery delay, growing by the multiplier); no priorities; max_msgs counts every
            // message the stream holds, delivered or not; max_age deletes; Nats-Msg-Id deduplicates.
            case NATS -> new QueueRules(limit, false, 0, true, true, false, false, 0,
                    Math.max(MIN_VISIBILITY_SECONDS, NatsLimits.ackWait(q).toNanos() / 1e9), false, ttl, true,
                    MessageOrdering.SQS, natsNakDelay(q));
        };
    }

    /** A nak's delay under NATS: the queue's redelivery delay growing by its multiplier up to its maximum (none unless set). */
    private static PubSubRetry natsNakDelay(QueueSettings q) {
        double min = QueueEntity.seconds(q.redeliveryDelay());
        double max = QueueEntity.seconds(q.maxRedeliveryDelay());
        return min <= 0 ? PubSubRetry.IMMEDIATE
                : new PubSubRetry(min, q.redeliveryMultiplier(), max > 0 ? max : Double.MAX_VALUE);
    }

    /**
     * The messages one consumer instance may hold: under SQS one receive batch at most; under NATS
     * the prefetch, or a share of the consumer's 1,000 {@code max_ack_pending}; as {@code prefetch} otherwise.
     */
    static int prefetch(Broker broker, int prefetch, int instances) {
        if (broker == Broker.NATS) {
            return NatsLimits.instancePrefetch(prefetch, instances);
        }
        if (broker != Broker.SQS) {
            return prefetch;
        }
        return prefetch == 0 ? SQS_RECEIVE_BATCH : Math.min(prefetch, SQS_RECEIVE_BATCH);
    }
}
