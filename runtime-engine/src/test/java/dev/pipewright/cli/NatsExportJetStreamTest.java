// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.brokers.live.Await;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.config.Exported;
import dev.pipewright.model.config.nats.NatsStreams;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code export --to nats} is proven by the server: each exported stream and consumer is created from
 * its JSON on the local NATS server through jnats' management API, and the configuration the server
 * reports back is what the flow says, and messages published on a topic's subjects reach the queues'
 * streams its bindings' filters match. Names carry a fresh run prefix and the streams are removed after.
 */
class NatsExportJetStreamTest {

    @Test
    @SuppressWarnings("try") // jnats' Connection.close() may throw InterruptedException; the test lets it
    void theExportedStreamsAndConsumersAreCreatedAsTheFlowSays() throws Exception {
        String run = "pw-" + UUID.randomUUID().toString().substring(0, 8);
        Flow flow = new Flow(new FlowInfo("nats export", "").withBroker(Broker.NATS), List.of(
                Source.of("src", "src", Position.ORIGIN),
                Queue.of("orders", run + "-orders", Position.ORIGIN).with("maxLength", 100)
                        .with("overflow", Overflow.REJECT_PUBLISH).with("messageTtl", Duration.ofHours(1))
                        .with("deliveryLimit", 3).with("visibilityTimeout", Duration.ofSeconds(45)),
                Consumer.of("workers", run + "-workers", Position.ORIGIN).with("instances", 2).with("prefetch", 10),
                Queue.of("log", run + "-log", Position.ORIGIN).with("queueType", QueueType.STREAM)
                        .with("durable", false),
                Consumer.of("audit", run + "-audit", Position.ORIGIN).with("ackMode", Consumer.AckMode.AUTO)
                        .with("prefetch", 0)),
                List.of(Edge.of("e1", "src", Port.OUT, "orders"), Edge.of("e2", "orders", Port.OUT, "workers"),
                        Edge.of("e3", "src", Port.OUT, "log"), Edge.of("e4", "log", Port.OUT, "audit")));
        Exported exported = NatsStreams.write(flow);
        JsonNode doc = new ObjectMapper().readTree(exported.text());
        assertThat(doc.get("streams")).hasSize(2);
        assertThat(doc.get("consumers")).hasSize(2);

        List<String> created = new ArrayList<>();
        try (Connection nc = LocalNats.connect()) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            try {
                addStreams(jsm, doc, created);
                for (JsonNode c : doc.get("consumers")) {
                    jsm.addOrUpdateConsumer(c.get("stream").asText(),
                            ConsumerConfiguration.builder().json(c.get("config").toString()).build());
                }

                StreamConfiguration orders = jsm.getStreamInfo(run + "-orders").getConfiguration();
                assertThat(orders.getRetentionPolicy()).isEqualTo(RetentionPolicy.WorkQueue);
                assertThat(orders.getSubjects()).containsExactly(run + "-orders");
                assertThat(orders.getMaxMsgs()).isEqualTo(100);
                assertThat(orders.getDiscardPolicy()).isEqualTo(DiscardPolicy.New);
                assertThat(orders.getMaxAge()).isEqualTo(Duration.ofHours(1));
                assertThat(orders.getDuplicateWindow()).isEqualTo(Duration.ofMinutes(2));
                assertThat(orders.getStorageType()).isEqualTo(StorageType.File);
                ConsumerConfiguration workers = jsm.getConsumerInfo(run + "-orders", run + "-workers")
                        .getConsumerConfiguration();
                assertThat(workers.getAckPolicy()).isEqualTo(AckPolicy.Explicit);
                assertThat(workers.getAckWait()).isEqualTo(Duration.ofSeconds(45));
                assertThat(workers.getMaxDeliver()).isEqualTo(3);
                assertThat(workers.getMaxAckPending()).isEqualTo(20); // prefetch 10 for each of 2 instances
                assertThat(workers.getDeliverSubject()).isNull(); // a pull consumer

                StreamConfiguration log = jsm.getStreamInfo(run + "-log").getConfiguration();
                assertThat(log.getRetentionPolicy()).isEqualTo(RetentionPolicy.Limits);
                assertThat(log.getStorageType()).isEqualTo(StorageType.Memory);
                assertThat(log.getMaxMsgs()).isEqualTo(-1);
                ConsumerConfiguration audit = jsm.getConsumerInfo(run + "-log", run + "-audit").getConsumerConfiguration();
                assertThat(audit.getAckPolicy()).isEqualTo(AckPolicy.None);
                assertThat(audit.getMaxDeliver()).isEqualTo(-1);
                assertThat(audit.getMaxAckPending()).isEqualTo(1000); // no prefetch: NATS's default
            } finally {
                for (String name : created) {
                    jsm.deleteStream(name);
                }
            }
        }
    }

    /**
     * A topic bound to two queues with overlapping filters ({@code eu.*} and {@code *.orders}: both
     * match {@code eu.orders}), which as captured subjects JetStream would refuse: the export's topic
     * stream and the two queue streams sourcing it are created, and after publishing on the topic's
     * subjects each queue's stream holds what its filter matches, counted by hand: eu 2
     * ({@code eu.orders}, {@code eu.refunds}) plus 1 published to it directly, orders 2
     * ({@code eu.orders}, {@code us.orders}); {@code asia.stock} matches neither and stays in the
     * topic's stream (4 there).
     */
    @Test
    @SuppressWarnings("try")
    void aTopicsOverlappingBindingsAreStreamsSourcingItsStreamAndEachGetsWhatItsFilterMatches() throws Exception {
        String run = "pw-" + UUID.randomUUID().toString().substring(0, 8);
        Flow flow = new Flow(new FlowInfo("nats topic export", "").withBroker(Broker.NATS), List.of(
                Source.of("src", "src", Position.ORIGIN),
                Topic.of("t", run + "-orders", Position.ORIGIN).with("routing", Topic.Routing.TOPIC),
                Queue.of("eu", run + "-eu", Position.ORIGIN), Queue.of("orders", run + "-all-orders", Position.ORIGIN)),
                List.of(Edge.of("e0", "src", Port.OUT, "t"),
                        new Edge("e1", "t", Port.OUT, "eu", "eu.*", Map.of()),
                        new Edge("e2", "t", Port.OUT, "orders", "*.orders", Map.of())));
        Exported exported = NatsStreams.write(flow);
        JsonNode doc = new ObjectMapper().readTree(exported.text());
        assertThat(doc.get("streams")).hasSize(3);
        String topicStream = "topic-" + run + "-orders";
        String topicSubject = "t." + run + "-orders";

        List<String> created = new ArrayList<>();
        try (Connection nc = LocalNats.connect()) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            try {
                addStreams(jsm, doc, created);
                StreamConfiguration topic = jsm.getStreamInfo(topicStream).getConfiguration();
                assertThat(topic.getSubjects()).containsExactly(topicSubject, topicSubject + ".>");
                assertThat(topic.getRetentionPolicy()).isEqualTo(RetentionPolicy.Limits);
                assertThat(topic.getStorageType()).isEqualTo(StorageType.Memory);
                assertThat(topic.getMaxAge()).isEqualTo(Duration.ofMinutes(5));
                assertThat(topic.getMaxMsgs()).isEqualTo(100_000);
                assertThat(topic.getMaxBytes()).isEqualTo(64L * 1024 * 1024);
                assertThat(topic.getDiscardPolicy()).isEqualTo(DiscardPolicy.Old);
                StreamConfiguration eu = jsm.getStreamInfo(run + "-eu").getConfiguration();
                assertThat(eu.getSubjects()).containsExactly(run + "-eu");
                assertThat(eu.getSources()).singleElement().satisfies(src -> {
                    assertThat(src.getSourceName()).isEqualTo(topicStream);
                    assertThat(src.getFilterSubject()).isEqualTo(topicSubject + ".eu.*");
                });

                JetStream js = nc.jetStream();
                for (String key : List.of("eu.orders", "eu.refunds", "us.orders", "asia.stock")) {
                    js.publish(topicSubject + "." + key, key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                js.publish(run + "-eu", "direct".getBytes(java.nio.charset.StandardCharsets.UTF_8));

                Map<String, Long> expected = Map.of(topicStream, 4L, run + "-eu", 3L, run + "-all-orders", 2L);
                Await.until("each stream holding what its filter matches, nothing left to source",
                        () -> expected.entrySet().stream().allMatch(e -> count(jsm, e.getKey()) == e.getValue())
                                && lag(jsm, run + "-eu") == 0 && lag(jsm, run + "-all-orders") == 0,
                        () -> created.stream().map(n -> n + "=" + count(jsm, n)).toList());
                for (Map.Entry<String, Long> e : expected.entrySet()) {
                    assertThat(count(jsm, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
                }
            } finally {
                for (String name : created) {
                    jsm.deleteStream(name);
                }
            }
        }
    }

    /** Creates the export's streams in its order, as a user loading it would, noting each in {@code created}. */
    private static void addStreams(JetStreamManagement jsm, JsonNode doc, List<String> created) throws Exception {
        for (JsonNode s : doc.get("streams")) {
            jsm.addStream(StreamConfiguration.instance(s.toString()));
            created.add(s.get("name").asText());
        }
    }

    private static long count(JetStreamManagement jsm, String stream) {
        try {
            return jsm.getStreamInfo(stream).getStreamState().getMsgCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many messages of its sources the stream has not yet taken, as the server reports it. */
    private static long lag(JetStreamManagement jsm, String stream) {
        try {
            return jsm.getStreamInfo(stream).getSourceInfos().stream().mapToLong(s -> s.getLag()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
