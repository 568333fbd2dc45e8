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
     * How long a consumer group consumes nothing when a member joins, leaves or crashes: the
     * member's absence noticed and the group's eager rebalance done. Not a Kafka default but a
     * documented constant: a crash is noticed after {@code session.timeout.ms} (45 s by default since
     * Kafka 3.0, KIP-735; at least {@code group.min.session.timeout.ms}, 6 s), and a join waits for
     * every member's next poll; 3 s (Kafka's {@code heartbeat.interval.ms} and
     * {@code group.initial.rebalance.delay.ms}) keeps a lesson's pause visible without dominating it.
     */
    static final double REBALANCE_PAUSE_SECONDS = 3;

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
