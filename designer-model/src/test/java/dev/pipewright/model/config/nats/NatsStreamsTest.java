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
import org.junit.jupiter.api.Test;

class NatsStreamsTest {

    @Test
    void boundQueuesCaptureTheirBindingKeysAndOverlappingSubjectsAreNamed() throws Exception {
        Flow flow = new Flow(new FlowInfo("f", "").withBroker(Broker.NATS), List.of(
                Topic.of("t", "orders", Position.ORIGIN).with("routing", Topic.Routing.TOPIC),
                Queue.of("eu", "eu orders", Position.ORIGIN), Queue.of("all", "all", Position.ORIGIN)),
                List.of(new Edge("e1", "t", Port.OUT, "eu", "orders.eu.*", java.util.Map.of()),
                        new Edge("e2", "t", Port.OUT, "all", "orders.>", java.util.Map.of())));
        Exported exported = NatsStreams.write(flow);
        JsonNode streams = new ObjectMapper().readTree(exported.text()).get("streams");
        assertThat(streams.get(0).get("name").asText()).isEqualTo("eu_orders");
        assertThat(streams.get(0).get("subjects").get(0).asText()).isEqualTo("orders.eu.*");
        assertThat(streams.get(1).get("subjects").get(0).asText()).isEqualTo("orders.>");
        assertThat(exported.warnings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("exported as 'eu_orders'"))
                .anySatisfy(m -> assertThat(m).contains("NATS refuses the second"));
    }

    @Test
    void subjectsOverlapWhenSomeSubjectMatchesBoth() {
        assertThat(StreamConfigWriter.overlap("orders.*", "orders.eu")).isTrue();
        assertThat(StreamConfigWriter.overlap("orders.*", "orders.eu.x")).isFalse();
        assertThat(StreamConfigWriter.overlap("orders.>", "orders.eu.x")).isTrue();
        assertThat(StreamConfigWriter.overlap("orders.eu", "orders.us")).isFalse();
        assertThat(StreamConfigWriter.overlap("a", "b")).isFalse();
    }
}
