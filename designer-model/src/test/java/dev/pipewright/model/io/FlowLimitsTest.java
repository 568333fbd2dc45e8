// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.InvalidPropertyException;
import dev.pipewright.model.Limits;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Queue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Absurd values are refused where they are written, naming the property and the limit. */
class FlowLimitsTest {

    private static FlowFileException readFails(String text) {
        FlowFileException e = catchThrowableOfType(FlowFileException.class, () -> FlowJson.read(text, "big.flow.json"));
        assertThat(e).as("reading should fail").isNotNull();
        return e;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "consumer  | instances    | 2147483647 | property 'instances' must be at most 10,000 (was 2147483647)",
        "consumer  | prefetch     | 70000      | property 'prefetch' must be at most 65,535 (was 70000)",
        "processor | batchSize    | 2147483647 | property 'batchSize' must be at most 100,000 (was 2147483647)",
        "processor | concurrency  | 1000000    | property 'concurrency' must be at most 100,000 (was 1000000)",
        "processor | window       | 10000000   | property 'window' must be at most 1,000,000 (was 10000000)",
        "endpoint  | concurrency  | 1000000    | property 'concurrency' must be at most 100,000 (was 1000000)",
        "source    | rate         | 1e12       | property 'rate' must be at most 10,000,000 msg/s (was 1.0E12)",
        "source    | burstSize    | 1000000    | property 'burstSize' must be at most 100,000 (was 1000000)",
        "source    | payloadSize  | 2147483647 | property 'payloadSize' must be at most 536,870,912 (was 2147483647)",
        "queue     | maxLength    | 2147483647 | property 'maxLength' must be at most 100,000,000 (was 2147483647)",
        "queue     | redeliveryMultiplier | 1e6 | property 'redeliveryMultiplier' must be at most 100 (was 1000000.0)",
    })
    void anAbsurdValueIsRefusedAtItsPlaceWithTheLimit(String type, String property, String value, String message) {
        FlowFileException e = readFails("""
                {"format": "pipewright-flow", "version": 1, "nodes": [
                  {"type": "%s", "id": "n1", "%s": %s}]}
                """.formatted(type, property, value));

        assertThat(e.getMessage()).isEqualTo("big.flow.json:2:%d: node 'n1': %s",
                32 + type.length() + property.length(), message);
    }

    @Test
    void aKeyLongerThanAmqpAllowsIsRefused() {
        String key = "#.".repeat(128) + "z";
        FlowFileException e = readFails("""
                {"format": "pipewright-flow", "version": 1,
                 "nodes": [{"type": "topic", "id": "t"}, {"type": "queue", "id": "q"}],
                 "edges": [{"id": "e1", "from": "t", "to": "q", "key": "%s"}]}
                """.formatted(key));

        assertThat(e.getMessage()).isEqualTo("big.flow.json:3:56: edge 'e1': property 'key' must be at most 255 bytes,"
                + " the longest routing key AMQP brokers take (was 257)");
        assertThatThrownBy(() -> Queue.of("q", null, null).with("name", "x".repeat(1_001)))
                .hasMessage("name: must be at most 1,000 characters (was 1,001)");
    }

    @Test
    void aSourcesRoutingKeysAreHeldToTheSameLimit() {
        FlowFileException e = readFails("""
                {"format": "pipewright-flow", "version": 1,
                 "nodes": [{"type": "source", "id": "s", "routingKeys": ["a", "%s"]}]}
                """.formatted("é".repeat(128)));

        assertThat(e.problem()).isEqualTo("property 'routingKeys' must be at most 255 bytes, the longest routing key"
                + " AMQP brokers take (was 256)");
    }

    @Test
    void tooManyNodesAreRefusedAtTheFirstOneOverTheLimit() {
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i <= Limits.MAX_NODES; i++) {
            nodes.append(i == 0 ? "" : ",\n").append("{\"type\": \"queue\", \"id\": \"q").append(i).append("\"}");
        }

        FlowFileException e = readFails("{\"format\": \"pipewright-flow\", \"version\": 1, \"nodes\": [\n" + nodes + "]}");

        assertThat(e.getMessage()).isEqualTo("big.flow.json:10002:1: the flow has 10,001 nodes; a flow holds at most"
                + " 10,000: split it into smaller flows");
    }

    @Test
    void aFlowBuiltInCodeIsHeldToTheSameLimits() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i <= Limits.MAX_NODES; i++) {
            nodes.add(Queue.of("q" + i, null, null));
        }
        assertThatThrownBy(() -> new Flow(new FlowInfo("big", ""), nodes, List.of()))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessage("nodes: a flow holds at most 10,000 nodes (this one has 10,001)");

        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i <= Limits.MAX_EDGES; i++) {
            edges.add(Edge.of("e" + i, "q0", Port.OUT, "c"));
        }
        assertThatThrownBy(() -> new Flow(null, List.of(Queue.of("q0", null, null), Consumer.of("c", null, null)), edges))
                .hasMessage("edges: a flow holds at most 50,000 edges (this one has 50,001)");
    }
}
