// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.config.Exported;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * The Kafka topic export's document; {@code KafkaExportKraftTest} (runtime-engine) creates its
 * topics on a real KRaft cluster. Config names are checked against kafka-clients' {@link TopicConfig}.
 */
class KafkaTopicsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Flow flow(List<Edge> edges, Node... nodes) {
        return new Flow(new FlowInfo("k", "", Broker.KAFKA), List.of(nodes), edges);
    }

    private static JsonNode topics(Exported e) throws Exception {
        return JSON.readTree(e.text()).get("topics");
    }

    @Test
    void aTopicHasItsPartitionsRetentionAndKafkasConfigNames() throws Exception {
        Queue q = (Queue) Queue.of("q", "orders", Position.ORIGIN).with("partitions", 12)
                .with("messageTtl", Duration.ofHours(2));
        JsonNode t = topics(KafkaTopics.write(flow(List.of(), q))).get(0);
        assertThat(t.get("name").asText()).isEqualTo("orders");
        assertThat(t.get("partitions").asInt()).isEqualTo(12);
        assertThat(t.get("replicationFactor").asInt()).isEqualTo(3);
        List<String> names = new ArrayList<>();
        t.get("configs").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyInAnyOrder(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.RETENTION_MS_CONFIG,
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        assertThat(t.at("/configs/retention.ms").asText()).isEqualTo("7200000");
        assertThat(t.at("/configs/cleanup.policy").asText()).isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        assertThat(t.at("/configs/min.insync.replicas").asText()).isEqualTo("2");
    }

    @Test
    void aDeadLetterTopicComesFirstWithItsOriginsPartitions() throws Exception {
        Queue q = (Queue) Queue.of("q", "orders", Position.ORIGIN).with("partitions", 4);
        DeadLetterQueue dlt = DeadLetterQueue.of("d", "orders.DLT", Position.ORIGIN);
        Exported e = KafkaTopics.write(flow(List.of(new Edge("e", "q", Port.DEAD_LETTER, "d", null, Map.of())), q, dlt));
        JsonNode topics = topics(e);
        assertThat(topics.get(0).get("name").asText()).isEqualTo("orders.DLT");
        assertThat(topics.get(0).get("partitions").asInt()).isEqualTo(4);
        assertThat(topics.get(1).get("name").asText()).isEqualTo("orders");
        assertThat(e.warnings()).isEmpty();
    }

    @Test
    void namesKafkaRefusesAreBroughtToItsRuleWithAWarning() throws Exception {
        Queue bad = Queue.of("a", "orders/eu", Position.ORIGIN);
        Queue clash = Queue.of("b", "orders eu", Position.ORIGIN);
        Queue nonDurable = (Queue) Queue.of("c", "scratch", Position.ORIGIN).with("durable", false);
        Exported e = KafkaTopics.write(flow(List.of(), bad, clash, nonDurable));
        JsonNode topics = topics(e);
        assertThat(topics.get(0).get("name").asText()).isEqualTo("orders-eu");
        assertThat(topics.get(1).get("name").asText()).isEqualTo("orders-eu-2");
        assertThat(topics.get(2).get("replicationFactor").asInt()).isEqualTo(1);
        assertThat(topics.get(2).at("/configs/min.insync.replicas").asText()).isEqualTo("1");
        assertThat(e.warnings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("not a name Kafka accepts", "'orders-eu'"))
                .anySatisfy(m -> assertThat(m).contains("exported as 'orders-eu-2'"));
    }

    @Test
    void whatKafkaCannotHoldIsWarned() {
        Queue q = (Queue) Queue.of("q", "orders", Position.ORIGIN).with("maxPriority", 5);
        Consumer c = (Consumer) Consumer.of("c", "worker", Position.ORIGIN).with("instances", 3);
        Exported e = KafkaTopics.write(flow(List.of(new Edge("e", "q", Port.OUT, "c", null, Map.of())), q, c));
        assertThat(e.warnings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("priorities, but Kafka has none"))
                .anySatisfy(m -> assertThat(m).contains("2 would idle"));
    }

    @Test
    void aLongNameIsCutTo249AndTheNumberedOneStillFits() throws Exception {
        Queue a = Queue.of("a", "x".repeat(300), Position.ORIGIN);
        Queue b = Queue.of("b", "x".repeat(260), Position.ORIGIN);
        JsonNode topics = topics(KafkaTopics.write(flow(List.of(), a, b)));
        assertThat(topics.get(0).get("name").asText()).hasSize(249);
        assertThat(topics.get(1).get("name").asText()).hasSize(249).endsWith("-2");
    }
}
