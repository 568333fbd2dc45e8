// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

/**
 * The Kafka profile's fixed numbers, each Kafka's own default unless it says otherwise; the rules
 * and their sources are in {@code docs/brokers.md}, "Apache Kafka".
 */
final class KafkaRules {
    private KafkaRules() {
    }

    /** {@code auto.commit.interval.ms}: 5,000 ms (Kafka consumer configs). */
    static final double AUTO_COMMIT_INTERVAL_SECONDS = 5;

    /**
     * How long a consumer group consumes nothing when it rebalances (a member joined or left, or a
     * crashed member's session timed out): the group's eager rebalance done. Not a Kafka default but
     * a documented constant: a join waits for every member's next poll; 3 s (Kafka's
     * {@code heartbeat.interval.ms} and {@code group.initial.rebalance.delay.ms}) keeps a lesson's
     * pause visible without dominating it.
     */
    static final double REBALANCE_PAUSE_SECONDS = 3;

    /**
     * {@code session.timeout.ms} of the profile's members: how long a crashed member's partitions
     * stay unassigned before the coordinator notices it is gone and the group rebalances. 6 s, the
     * least a broker accepts by default ({@code group.min.session.timeout.ms}); Kafka's client
     * default is 45 s (KIP-735). A live run's members set the same (KafkaConsumerInstance).
     */
    static final double SESSION_TIMEOUT_SECONDS = 6;

    /**
     * {@code batch.size}: 16,384 bytes. Without a key the producer's sticky partitioner (KIP-480,
     * uniform since KIP-794) sends records to one partition until this many bytes went there, then
     * moves to another.
     */
    static final int BATCH_SIZE_BYTES = 16_384;

    /** {@code retention.ms} when a topic does not set one: 7 days ({@code log.retention.hours} 168). */
    static final double DEFAULT_RETENTION_SECONDS = 7 * 24 * 3600;

    /** The suffix of the dead-letter topic of Spring Kafka's {@code DeadLetterPublishingRecoverer}. */
    static final String DEAD_LETTER_SUFFIX = ".DLT";
}
