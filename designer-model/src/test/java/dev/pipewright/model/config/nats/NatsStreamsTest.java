// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.nats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.config.Exported;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NatsStreamsTest {

    private static JsonNode streams(Exported exported) throws Exception {
        return new ObjectMapper().readTree(exported.text()).get("streams");
    }

    @Test
    void aTopicIsAStreamOfItsOwnThatEachBoundQueueSourcesThroughItsBindingsFilter() throws Exception {
        Flow flow = new Flow(new FlowInfo("f", "").withBroker(Broker.NATS), List.of(
                Queue.of("eu", "eu orders", Position.ORIGIN), Queue.of("all", "all", Position.ORIGIN),
                Topic.of("t", "orders", Position.ORIGIN).with("routing", Topic.Routing.TOPIC)),
                List.of(new Edge("e1", "t", Port.OUT, "eu", "eu.*", Map.of()),
                        new Edge("e2", "t", Port.OUT, "all", ">", Map.of())));
        Exported exported = NatsStreams.write(flow);
        JsonNode streams = streams(exported);
        assertThat(streams).hasSize(3);
        JsonNode topic = streams.get(0); // the topics' streams first
        assertThat(topic.get("name").asText()).isEqualTo("topic-orders");
        assertThat(topic.get("subjects")).extracting(JsonNode::asText).containsExactly("t.orders", "t.orders.>");
        assertThat(topic.get("retention").asText()).isEqualTo("limits");
        assertThat(topic.get("storage").asText()).isEqualTo("memory");
        assertThat(topic.get("discard").asText()).isEqualTo("old");
        assertThat(topic.get("max_age").asLong()).isEqualTo(300_000_000_000L);
        assertThat(topic.get("max_msgs").asLong()).isEqualTo(100_000);
        assertThat(topic.get("max_bytes").asLong()).isEqualTo(67_108_864);

        JsonNode eu = streams.get(1);
        assertThat(eu.get("name").asText()).isEqualTo("eu_orders");
        assertThat(eu.get("subjects")).extracting(JsonNode::asText).containsExactly("eu_orders");
        assertThat(eu.get("sources")).singleElement().satisfies(s -> {
            assertThat(s.get("name").asText()).isEqualTo("topic-orders");
            assertThat(s.get("filter_subject").asText()).isEqualTo("t.orders.eu.*");
        });
        assertThat(streams.get(2).get("sources").get(0).get("filter_subject").asText()).isEqualTo("t.orders.>");
        assertThat(exported.warnings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("exported as 'eu_orders'"))
                .noneSatisfy(m -> assertThat(m).contains("capture"));
    }

    @Test
    void fanoutSourcesEverythingDirectTheKeyAndATopicBindingWithoutAKeyNothing() throws Exception {
        Flow flow = new Flow(new FlowInfo("f", "").withBroker(Broker.NATS), List.of(
                Topic.of("f", "news", Position.ORIGIN).with("routing", Topic.Routing.FANOUT),
                Topic.of("d", "jobs", Position.ORIGIN).with("routing", Topic.Routing.DIRECT),
                Topic.of("p", "events", Position.ORIGIN).with("routing", Topic.Routing.TOPIC),
                Queue.of("q1", "q1", Position.ORIGIN), Queue.of("q2", "q2", Position.ORIGIN),
                Queue.of("q3", "q3", Position.ORIGIN)),
                List.of(new Edge("e1", "f", Port.OUT, "q1", "ignored", Map.of()),
                        new Edge("e2", "d", Port.OUT, "q2", "a", Map.of()),
                        new Edge("e3", "d", Port.OUT, "q3", "", Map.of()),
                        new Edge("e4", "p", Port.OUT, "q3", "", Map.of())));
        JsonNode streams = streams(NatsStreams.write(flow));
        assertThat(streams.get(3).get("sources")).singleElement().satisfies(s -> {
            assertThat(s.get("name").asText()).isEqualTo("topic-news");
            assertThat(s.has("filter_subject")).as("fanout: every subject").isFalse();
        });
        assertThat(streams.get(4).get("sources").get(0).get("filter_subject").asText()).isEqualTo("t.jobs.a");
        assertThat(streams.get(5).get("sources")).singleElement()
                .satisfies(s -> assertThat(s.get("filter_subject").asText()).isEqualTo("t.jobs"));
    }

    @Test
    void aQueueBoundTwiceToOneTopicSourcesItOnceWithAWarningAndNamesNeverClash() throws Exception {
        Flow flow = new Flow(new FlowInfo("f", "").withBroker(Broker.NATS), List.of(
                Topic.of("t", "x", Position.ORIGIN).with("routing", Topic.Routing.TOPIC),
                Queue.of("q", "topic-x", Position.ORIGIN)),
                List.of(new Edge("e1", "t", Port.OUT, "q", "a", Map.of()),
                        new Edge("e2", "t", Port.OUT, "q", "b", Map.of())));
        Exported exported = NatsStreams.write(flow);
        JsonNode streams = streams(exported);
        assertThat(streams.get(1).get("name").asText()).as("the queue keeps its name").isEqualTo("topic-x");
        assertThat(streams.get(0).get("name").asText()).isEqualTo("topic-x-2");
        assertThat(streams.get(0).get("subjects").get(0).asText()).isEqualTo("t.x-2");
        assertThat(streams.get(1).get("sources")).singleElement()
                .satisfies(s -> assertThat(s.get("filter_subject").asText()).isEqualTo("t.x-2.a"));
        assertThat(exported.warnings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("bound to queue 'topic-x' more than once"));
    }
}
