// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.engine.api.ConsumerLag;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.kafka.KafkaTopics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The topics of a flow's Kafka export ({@link KafkaTopics}), created on a cluster under a run
 * prefix of their own ({@code pw-RUN-}), so a run never meets an earlier run's records; reads each
 * topic's end offsets and a group's committed offsets (its lag), and deletes what it created. A
 * replication factor or {@code min.insync.replicas} above the cluster's broker count is lowered to
 * it, with a warning, so the export's durable topics (3 copies) run on a one-broker cluster.
 */
final class KafkaTopology {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Admin admin;
    private final String prefix;
    private final List<Finding> warnings = new ArrayList<>();
    /** Each topic's name on the cluster (with the prefix), by node id. */
    private final Map<String, String> names = new LinkedHashMap<>();
    /** Each created topic's partitions, by its name on the cluster. */
    private final Map<String, Integer> partitions = new HashMap<>();

    private KafkaTopology(Admin admin, String prefix) {
        this.admin = admin;
        this.prefix = prefix;
    }

    /**
     * Creates {@code flow}'s exported topics under {@code prefix}; on a refusal it deletes the topics it created.
     *
     * @throws ExecutionException what the cluster refused
     * @throws TimeoutException when it did not answer in time
     */
    static KafkaTopology create(Flow flow, Admin admin, String prefix) throws Exception {
        KafkaTopology t = new KafkaTopology(admin, prefix);
        Exported export = KafkaTopics.write(flow);
        t.warnings.addAll(export.warnings());
        int brokers = admin.describeCluster().nodes().get(KafkaTarget.TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
        Map<String, String> byName = new HashMap<>();
        KafkaTopics.names(flow).forEach((id, name) -> byName.put(name, id));
        List<NewTopic> requests = new ArrayList<>();
        try {
            for (JsonNode topic : JSON.readTree(export.text()).get("topics")) {
                String exported = topic.get("name").asText();
                String id = byName.get(exported);
                String name = prefix + exported;
                short replication = (short) topic.get("replicationFactor").asInt();
                Map<String, String> configs = new HashMap<>();
                topic.get("configs").properties().forEach(e -> configs.put(e.getKey(), e.getValue().asText()));
                if (replication > brokers) {
                    t.warnings.add(new Finding(Severity.WARNING, id, null, "topic '" + exported + "' is exported with "
                            + replication + " replicas; the cluster has " + brokers + " broker"
                            + (brokers == 1 ? "" : "s") + ", so the run's copy has " + brokers, null));
                    replication = (short) brokers;
                    configs.computeIfPresent("min.insync.replicas",
                            (k, v) -> Integer.toString(Math.min(Integer.parseInt(v), brokers)));
                }
                int count = topic.get("partitions").asInt();
                requests.add(new NewTopic(name, count, replication).configs(configs));
                t.names.put(id, name);
                t.partitions.put(name, count);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the Kafka export could not be read back", e);
        }
        try {
            admin.createTopics(requests).all().get(KafkaTarget.TIMEOUT_MS * 6L, TimeUnit.MILLISECONDS);
            t.awaitPartitions();
        } catch (Exception e) {
            t.teardown();
            throw e;
        }
        return t;
    }

    /**
     * Waits until the brokers can list every created topic's offsets: a topic just created is known
     * to the controller before its partitions' metadata reaches the brokers, and an offsets request
     * in between fails (unknown topic or partition), which the first snapshot of a run must not.
     *
     * @throws TimeoutException when the partitions are not there within the create's time-out
     */
    private void awaitPartitions() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KafkaTarget.TIMEOUT_MS * 6L);
        for (String topic : partitions.keySet()) {
            while (true) {
                try {
                    endOffsets(topic);
                    break;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(50); // the metadata is on its way to the broker
                }
            }
        }
    }

    List<Finding> warnings() {
        return List.copyOf(warnings);
    }

    /** The topic of queue node {@code nodeId} on the cluster, or null. */
    String name(String nodeId) {
        return names.get(nodeId);
    }

    /** The node ids whose topics were created. */
    Iterable<String> nodeIds() {
        return names.keySet();
    }

    int partitions(String topic) {
        return partitions.getOrDefault(topic, 1);
    }

    /** Each partition's log end offset of {@code topic}. */
    long[] endOffsets(String topic) throws Exception {
        return offsets(topic, OffsetSpec.latest());
    }

    /** Each partition's log start offset of {@code topic} (above 0 once retention removed records). */
    long[] startOffsets(String topic) throws Exception {
        return offsets(topic, OffsetSpec.earliest());
    }

    private long[] offsets(String topic, OffsetSpec spec) throws Exception {
        int n = partitions(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < n; p++) {
            request.put(new TopicPartition(topic, p), spec);
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> got =
                admin.listOffsets(request).all().get(KafkaTarget.TIMEOUT_MS, TimeUnit.MILLISECONDS);
        long[] out = new long[n];
        for (int p = 0; p < n; p++) {
            out[p] = got.get(new TopicPartition(topic, p)).offset();
        }
        return out;
    }

    /**
     * Group {@code group}'s lag on {@code topic}, per partition: the log end offset minus its
     * committed offset (the log start offset where it committed none), as
     * {@code kafka-consumer-groups.sh --describe} shows it.
     */
    ConsumerLag lag(String groupNode, String group, String topic) throws Exception {
        long[] end = endOffsets(topic);
        long[] start = startOffsets(topic);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(KafkaTarget.TIMEOUT_MS, TimeUnit.MILLISECONDS);
        long[] lag = new long[end.length];
        for (int p = 0; p < end.length; p++) {
            OffsetAndMetadata c = committed.get(new TopicPartition(topic, p));
            lag[p] = Math.max(0, end[p] - (c == null ? start[p] : c.offset()));
        }
        return new ConsumerLag(groupNode, lag);
    }

    /** Records in {@code topic}: end minus start offsets over its partitions. */
    long records(String topic) throws Exception {
        long[] end = endOffsets(topic);
        long[] start = startOffsets(topic);
        long sum = 0;
        for (int p = 0; p < end.length; p++) {
            sum += end[p] - start[p];
        }
        return sum;
    }

    /** Deletes the topics created, best effort. */
    void teardown() {
        if (names.isEmpty()) {
            return;
        }
        try {
            admin.deleteTopics(List.copyOf(names.values())).all().get(KafkaTarget.TIMEOUT_MS * 2L, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Best effort: a topic the run could not delete stays under the run's prefix.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    String prefix() {
        return prefix;
    }
}
