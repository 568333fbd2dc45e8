// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import dev.pipewright.engine.api.ConsumerLag;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a Kafka live run reads of its topics from the cluster, at a bounded rate: each read
 * topic's group lag per partition (log end minus committed offset) and each other topic's records,
 * read afresh at most every {@value #SAMPLE_MS} ms however often a snapshot or the end-of-run wait
 * asks (each reading is three admin requests a topic), and at once when {@link #refresh} is forced
 * for the report. The command line's wait for the end of a run reads {@link #depthNow} instead. Called from one thread at a time (the backend's, or the run's).
 */
final class KafkaLagSampler {
    /** The least time between two readings of the offsets. */
    static final long SAMPLE_MS = 500;

    /** The topic of a queue node and, when a consumer node reads it, that node (the group). */
    record Read(String nodeId, String topic, String groupNode, String group) {
    }

    private final KafkaTopology topology;
    private final List<Read> reads;
    private final Map<String, Long> depthByTopic = new HashMap<>();
    private final Map<String, ConsumerLag> lagByNode = new HashMap<>();
    private long readAt;
    private boolean read;

    KafkaLagSampler(KafkaTopology topology, List<Read> reads) {
        this.topology = topology;
        this.reads = List.copyOf(reads);
    }

    /** Reads the offsets again when the last reading is older than {@value #SAMPLE_MS} ms, or {@code force}d. */
    void refresh(boolean force) throws Exception {
        long now = System.nanoTime();
        if (read && !force && now - readAt < TimeUnit.MILLISECONDS.toNanos(SAMPLE_MS)) {
            return;
        }
        for (Read r : reads) {
            if (r.groupNode() == null) {
                depthByTopic.put(r.topic(), topology.records(r.topic()));
            } else {
                ConsumerLag lag = topology.lag(r.groupNode(), r.group(), r.topic());
                lagByNode.put(r.nodeId(), lag);
                depthByTopic.put(r.topic(), lag.total());
            }
        }
        readAt = now;
        read = true;
    }

    /**
     * What topic {@code name} holds now, read afresh: for the end of a run on the command line,
     * whose wait for quiet must not take a reading from before the last record was sent.
     */
    long depthNow(String name) throws Exception {
        for (Read r : reads) {
            if (r.topic().equals(name)) {
                return r.groupNode() == null ? topology.records(name) : topology.lag(r.groupNode(), r.group(), name).total();
            }
        }
        return 0;
    }

    /** What topic {@code name} holds, as last read: its group's lag, or its records when no group reads it. */
    long depth(String name) throws Exception {
        refresh(false);
        return depthByTopic.getOrDefault(name, 0L);
    }

    /** The group lag on queue node {@code nodeId}'s topic, as last read; empty when no group reads it. */
    List<ConsumerLag> lag(String nodeId) {
        ConsumerLag l = lagByNode.get(nodeId);
        return l == null ? List.of() : List.of(l);
    }

    /** The lag of every read topic as last read, by queue node. */
    Map<String, List<ConsumerLag>> lags() {
        Map<String, List<ConsumerLag>> out = new HashMap<>();
        lagByNode.forEach((id, l) -> out.put(id, List.of(l)));
        return out;
    }
}
