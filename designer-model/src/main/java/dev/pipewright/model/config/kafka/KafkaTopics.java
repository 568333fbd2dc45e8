// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.kafka;

import dev.pipewright.model.Flow;
import dev.pipewright.model.config.Exported;

/**
 * Apache Kafka topic definitions: for each queue of a flow, the topic it is under the Kafka profile,
 * as the fields of Kafka's {@code NewTopic} ({@code Admin.createTopics}) and of
 * {@code kafka-topics.sh --create}: name, partitions, replication factor and topic configs.
 */
public final class KafkaTopics {
    /** Replication factor of a durable queue's topic: three copies, so one broker may fail and writes go on. */
    public static final short DURABLE_REPLICATION = 3;
    /** {@code min.insync.replicas} of a durable queue's topic: with {@code acks=all} a write needs two copies. */
    public static final int DURABLE_MIN_INSYNC = 2;

    private KafkaTopics() {
    }

    /**
     * The flow's queues as a JSON document {@code {"topics": [...]}} whose entries are, dead-letter
     * topics first, each {@code name}, {@code partitions}, {@code replicationFactor} and {@code configs}
     * ({@code retention.ms}, {@code cleanup.policy}, {@code min.insync.replicas}, as strings, the way
     * Kafka's config API holds them). The warnings name what Kafka cannot hold, as {@code check --target
     * kafka} does, and each name changed to fit Kafka's rule.
     */
    public static Exported write(Flow flow) {
        return new TopicConfigWriter(flow).write();
    }

    /** Each queue's topic name in {@link #write}'s document, by node id. */
    public static java.util.Map<String, String> names(Flow flow) {
        return new TopicConfigWriter(flow).names();
    }
}
