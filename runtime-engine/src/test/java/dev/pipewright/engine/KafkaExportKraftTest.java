// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.kafka.KafkaTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka topic export, created on a real Kafka: an in-process KRaft cluster of three brokers and
 * a controller (Kafka 4.3.1's {@code KafkaClusterTestKit}, test scope; about 30 s and 310 MB here) takes every
 * exported topic through {@code Admin.createTopics}, and the topics it then describes have the
 * exported partitions, replication factor and configs; and Kafka's own producer puts keyed records
 * on the partitions the engine's {@code Murmur2} picks.
 */
class KafkaExportKraftTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the cluster may take to show a topic it created to every broker. */
    private static final long METADATA_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static KafkaClusterTestKit cluster;
    private static Admin admin;

    @BeforeAll
    static void startKraft() throws Exception {
        // Three brokers (replication factor 3) and one controller of their own: with combined nodes
        // the kit's close hangs once a topic with three replicas exists (tried here).
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(false)
                .setNumBrokerNodes(3).setNumControllerNodes(1).build()).build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        admin = cluster.admin();
    }

    @AfterAll
    static void stopKraft() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Flow orders() {
        Flow flow = new FlowBuilder()
                .source("src", "routingKeys", List.of("customer-1", "customer-2"))
                .queue("orders", "partitions", 6, "messageTtl", Duration.ofDays(1))
                .queue("scratch", "durable", false)
                .queue("audit", "name", "audit log")
                .dlq("orders.DLT")
                .consumer("billing", "instances", 3)
                .wire("src", "orders").wire("orders", "billing").wire("orders", Port.DEAD_LETTER, "orders.DLT")
                .wire("src", "scratch").wire("src", "audit").build();
        return flow.withInfo(flow.info().withBroker(Broker.KAFKA));
    }

    @Test
    void everyExportedTopicIsCreatedWithItsPartitionsReplicationAndConfigs() throws Exception {
        Exported exported = KafkaTopics.write(orders());
        JsonNode topics = JSON.readTree(exported.text()).get("topics");
        List<NewTopic> requests = new ArrayList<>();
        for (JsonNode t : topics) {
            Map<String, String> configs = new HashMap<>();
            t.get("configs").properties().forEach(e -> configs.put(e.getKey(), e.getValue().asText()));
            requests.add(new NewTopic(t.get("name").asText(), t.get("partitions").asInt(),
                    (short) t.get("replicationFactor").asInt()).configs(configs));
        }
        assertThat(requests).extracting(NewTopic::name).containsExactly("orders.DLT", "orders", "scratch", "audit-log");
        admin.createTopics(requests).all().get(30, TimeUnit.SECONDS);

        for (JsonNode t : topics) {
            String name = t.get("name").asText();
            TopicDescription described = describe(name);
            assertThat(described.partitions()).as(name).hasSize(t.get("partitions").asInt());
            assertThat(described.partitions().getFirst().replicas()).as(name).hasSize(t.get("replicationFactor").asInt());
            Config config = configs(name);
            t.get("configs").properties().forEach(e -> assertThat(config.get(e.getKey()).value())
                    .as("%s %s", name, e.getKey()).isEqualTo(e.getValue().asText()));
        }
        // What the flow said, as Kafka now holds it.
        assertThat(describe("orders").partitions()).hasSize(6);
        assertThat(describe("orders.DLT").partitions()).hasSize(6);
        assertThat(configs("orders").get("retention.ms").value()).isEqualTo("86400000");
        assertThat(configs("audit-log").get("retention.ms").value()).isEqualTo("604800000");
        assertThat(configs("scratch").get("min.insync.replicas").value()).isEqualTo("1");
        assertThat(describe("scratch").partitions().getFirst().replicas()).hasSize(1);
    }

    @Test
    void aKeyedRecordLandsOnTheSamePartitionOnKafkaAsInTheEngine() throws Exception {
        int partitions = 7;
        admin.createTopics(List.of(new NewTopic("keys", partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        describe("keys");
        Map<String, Object> config = new HashMap<>();
        config.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(config,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (int i = 0; i < 200; i++) {
                String key = i % 2 == 0 ? "customer-" + i : "ключ-" + i;
                var sent = producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("keys", key, "order"))
                        .get(30, TimeUnit.SECONDS);
                assertThat(sent.partition()).as(key).isEqualTo(dev.pipewright.engine.entity.Murmur2.partition(
                        key.getBytes(java.nio.charset.StandardCharsets.UTF_8), partitions));
            }
        }
    }

    @Test
    void aMemberThatGoesWithoutCommittingIsFollowedFromTheCommittedOffsetAsInTheEngine() throws Exception {
        // Kafka: ten records; member A processes records 0-5, commits offset 5 after record 4 and goes
        // without committing again; member B of the same group starts at offset 5, so record 5 is
        // processed twice. The engine's auto commit at 5 s with a crash at 7.2 s is the same story.
        admin.createTopics(List.of(new NewTopic("resume", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        describe("resume");
        Map<String, Object> producerConfig = Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(producerConfig,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("resume", "m" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        List<Long> processed = new ArrayList<>();
        try (var a = member()) {
            a.subscribe(List.of("resume"));
            while (processed.size() < 6) {
                for (var r : pollOnce(a)) {
                    if (processed.size() < 6) {
                        processed.add(r.offset());
                        if (r.offset() == 4) {
                            a.commitSync(Map.of(new org.apache.kafka.common.TopicPartition("resume", 0),
                                    new org.apache.kafka.clients.consumer.OffsetAndMetadata(5)));
                        }
                    }
                }
            }
        }
        try (var b = member()) {
            b.subscribe(List.of("resume"));
            while (processed.size() < 11) {
                for (var r : pollOnce(b)) {
                    processed.add(r.offset());
                }
            }
        }
        assertThat(processed).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 5L, 6L, 7L, 8L, 9L);
        assertThat(engineProcessedOffsets()).isEqualTo(processed);
    }

    /**
     * KafkaRulesTest's scenario: ten records from 0.5 s, one member taking 1 s each, auto commit at 5 s
     * (position 5), a crash at 7.2 s while record 6 is processed; the offsets processed, in order.
     */
    private static List<Long> engineProcessedOffsets() {
        List<dev.pipewright.model.ScriptedMessage> script = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            script.add(new dev.pipewright.model.ScriptedMessage(Duration.ofMillis(500), "m" + i, null, null, Map.of(),
                    null, null));
        }
        Flow flow = new FlowBuilder()
                .source("src", "script", script)
                .queue("t")
                .consumer("c", "instances", 1, "prefetch", 1, "processingTime",
                        dev.pipewright.model.Distribution.constant(Duration.ofSeconds(1)), "ackMode",
                        dev.pipewright.model.Consumer.AckMode.AUTO, "crashes",
                        List.of(new dev.pipewright.model.Consumer.Crash(Duration.ofMillis(7200), 0, Duration.ofSeconds(1))))
                .wire("src", "t").wire("t", "c").build();
        Simulation sim = Simulation.create(flow.withInfo(flow.info().withBroker(Broker.KAFKA)), 42);
        Map<Long, Long> offsetOf = new HashMap<>();
        List<Long> processed = new ArrayList<>();
        java.util.regex.Pattern offset = java.util.regex.Pattern.compile("offset (\\d+)");
        sim.setMessageEvents(e -> {
            if (e.event().equals("deliver")) {
                var m = offset.matcher(e.reason());
                if (m.find()) {
                    offsetOf.put(e.message(), Long.parseLong(m.group(1)));
                }
            } else if (e.event().equals("complete")) {
                processed.add(offsetOf.get(e.message()));
            }
        });
        sim.runUntil(60);
        return processed;
    }

    private static org.apache.kafka.clients.consumer.KafkaConsumer<String, String> member() {
        Map<String, Object> c = new HashMap<>();
        c.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        c.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "billing");
        c.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        return new org.apache.kafka.clients.consumer.KafkaConsumer<>(c,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer());
    }

    /** One poll, failing the test when nothing arrives before the deadline (the group's join included). */
    private static org.apache.kafka.clients.consumer.ConsumerRecords<String, String> pollOnce(
            org.apache.kafka.clients.consumer.KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + METADATA_DEADLINE_NANOS;
        while (System.nanoTime() < deadline) {
            var records = consumer.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                return records;
            }
        }
        throw new AssertionError("no record from Kafka within 30 s");
    }

    /** The topic as the cluster describes it, once its metadata reached the broker asked. */
    private static TopicDescription describe(String name) throws Exception {
        return untilKnown(() -> admin.describeTopics(List.of(name)).allTopicNames().get(10, TimeUnit.SECONDS).get(name));
    }

    private static Config configs(String name) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, name);
        return untilKnown(() -> admin.describeConfigs(List.of(topic)).all().get(10, TimeUnit.SECONDS).get(topic));
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    /** A new topic is known to the controller at once and to a broker a moment later: ask again until then. */
    private static <T> T untilKnown(Call<T> call) throws Exception {
        long deadline = System.nanoTime() + METADATA_DEADLINE_NANOS;
        while (true) {
            try {
                return call.call();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }
}
