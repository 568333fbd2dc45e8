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
     * {@code heartbeat.interval.ms} of the profile's members: 2 s, what a live run's members set
     * (KafkaConsumerInstance: a third of {@link #SESSION_TIMEOUT_SECONDS}, as Kafka advises; the
     * client's default is 3 s, a third of its 45 s session). A member learns that its group is
     * rebalancing only from a heartbeat's reply ({@code REBALANCE_IN_PROGRESS}) and rejoins at its
     * next poll, so a join, a leave or a session's end waits for the other members' next heartbeat:
     * heartbeats every 2 s counted from the group's last assignment (the client restarts its
     * heartbeat timer when it is assigned). Measured on the in-process KRaft cluster (docs/brokers.md):
     * a member joining 3 s after the first got its partition after 822 ms and 975 ms; this gives 1 s.
     */
    static final double HEARTBEAT_INTERVAL_SECONDS = 2;

    /**
     * How long an eager rebalance stops the whole group once every member has rejoined: the
     * JoinGroup and SyncGroup round trips, after which each member reads from the committed offsets.
     * Not a Kafka setting but a measured figure: 6 ms and 11 ms from revoked to assigned on the
     * in-process KRaft cluster with a live run's members (docs/brokers.md); 10 ms.
     */
    static final double REBALANCE_STOP_SECONDS = 0.01;

    /**
     * {@code group.initial.rebalance.delay.ms}: 3,000 ms, the broker's default. The coordinator waits
     * this long for more members before the first rebalance of an <em>empty</em> group; the profile
     * applies it when a member joins a group whose members have all gone (crashed and timed out). A
     * run's groups are formed when it starts (their first assignment at 0 s, as on a cluster that
     * sets it to 0, like the in-process KRaft of the tests).
     */
    static final double INITIAL_REBALANCE_DELAY_SECONDS = 3;

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
