// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.KafkaNames;
import dev.pipewright.model.check.Portability;
import dev.pipewright.model.check.Severity;
import dev.pipewright.model.config.Exported;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Writes the topics of {@link KafkaTopics#write(Flow)}. */
final class TopicConfigWriter {
    /** {@code retention.ms} when a queue has no message TTL: Kafka's default, 7 days. */
    static final long DEFAULT_RETENTION_MS = 604_800_000L;

    private final ObjectMapper mapper = new ObjectMapper();
    private final Flow flow;
    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    /** A dead-letter topic's partitions: the most of the topics that dead-letter to it, as Spring's recoverer keeps the partition. */
    private final Map<String, Integer> deadLetterPartitions = new HashMap<>();

    TopicConfigWriter(Flow flow) {
        this.flow = Objects.requireNonNull(flow, "flow");
    }

    /** Each queue's topic name, by node id, as {@link #write} names them. */
    Map<String, String> names() {
        nameTopics();
        return Map.copyOf(names);
    }

    Exported write() {
        findings.addAll(Portability.findings(flow, Broker.KAFKA));
        nameTopics();
        Map<String, Node> byId = flow.nodesById();
        for (Edge e : flow.edges()) {
            if (e.fromPort() == Port.DEAD_LETTER && byId.get(e.from()) instanceof Queue q
                    && byId.get(e.to()) instanceof QueueSettings target) {
                deadLetterPartitions.merge(target.id(), q.partitionsOrDefault(), Math::max);
            }
        }
        ObjectNode root = mapper.createObjectNode();
        ArrayNode topics = root.putArray("topics");
        // Dead-letter topics first: a consumer's recoverer may publish to one as soon as its topic exists.
        for (boolean deadLetter : new boolean[] {true, false}) {
            for (Node n : flow.nodes()) {
                if (n instanceof QueueSettings q && deadLetterPartitions.containsKey(q.id()) == deadLetter) {
                    topics.add(topic(q));
                }
            }
        }
        try {
            return new Exported(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n", findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the Kafka topics", e);
        }
    }

    /** Kafka names, unique: a name cleaned into one already taken gets a number. */
    private void nameTopics() {
        Set<String> taken = new HashSet<>();
        for (Node n : flow.nodes()) {
            if (n instanceof QueueSettings q) {
                String base = KafkaNames.of(q);
                String name = base;
                for (int i = 2; taken.contains(name); i++) {
                    String suffix = "-" + i;
                    name = (base.length() + suffix.length() > KafkaNames.MAX_LENGTH
                            ? base.substring(0, KafkaNames.MAX_LENGTH - suffix.length()) : base) + suffix;
                }
                if (!name.equals(base)) {
                    findings.add(new Finding(Severity.WARNING, q.id(), null, "queue '" + q.name() + "' has the same"
                            + " Kafka topic name as another queue: it is exported as '" + name + "'",
                            "give the queues names that differ in letters, digits, '.', '_' or '-'"));
                }
                taken.add(name);
                names.put(q.id(), name);
            }
        }
    }

    private ObjectNode topic(QueueSettings q) {
        ObjectNode t = mapper.createObjectNode();
        t.put("name", names.get(q.id()));
        int partitions = q instanceof Queue queue ? queue.partitionsOrDefault() : deadLetterPartitions.getOrDefault(q.id(), 1);
        t.put("partitions", partitions);
        t.put("replicationFactor", q.durable() ? KafkaTopics.DURABLE_REPLICATION : 1);
        ObjectNode configs = t.putObject("configs");
        configs.put("cleanup.policy", "delete");
        configs.put("retention.ms", Long.toString(retentionMs(q)));
        configs.put("min.insync.replicas", Integer.toString(q.durable() ? KafkaTopics.DURABLE_MIN_INSYNC : 1));
        return t;
    }

    private long retentionMs(QueueSettings q) {
        if (q.messageTtl() == null) {
            return DEFAULT_RETENTION_MS;
        }
        long ms;
        try {
            ms = q.messageTtl().toMillis();
        } catch (ArithmeticException e) {
            ms = Long.MAX_VALUE;
        }
        if (ms < 1) {
            findings.add(new Finding(Severity.WARNING, q.id(), null, "queue '" + q.name() + "' has a message TTL"
                    + " under a millisecond, which retention.ms cannot hold: exported as 1 ms", null));
            return 1;
        }
        return ms;
    }
}
