// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.DeadLetterQueue;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.MqttHeaders;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MqttPortabilityTest {
    private static List<String> messages(Broker target, List<Node> nodes, List<Edge> edges) {
        Flow flow = new Flow(new FlowInfo("p", "", Broker.GENERIC), nodes, edges);
        return Portability.findings(flow, target).stream().map(Finding::message).toList();
    }

    private static final Topic TOPIC = new Topic("t", "telemetry", Position.ORIGIN, Topic.Routing.TOPIC, true);

    @Test
    void aPlainMqttDesignIsPortableToMqtt() {
        Source s = (Source) Source.of("s", "sensor", Position.ORIGIN).with("routingKeys", List.of("sensors/1/temp"));
        Queue q = Queue.of("q", "dashboard", Position.ORIGIN);
        Consumer c = Consumer.of("c", "dash", Position.ORIGIN);
        assertThat(messages(Broker.MQTT, List.of(s, TOPIC, q, c), List.of(
                new Edge("e1", "s", Port.OUT, "t", null, Map.of()),
                new Edge("e2", "t", Port.OUT, "q", "sensors/+/temp", Map.of(MqttHeaders.QOS, "1")),
                new Edge("e3", "q", Port.OUT, "c", null, Map.of())))).isEmpty();
    }

    @Test
    void whatARabbitMqDesignLosesOnMqttIsNamed() {
        Queue q = (Queue) Queue.of("q", "orders", Position.ORIGIN).with("maxPriority", 5).with("deliveryLimit", 3)
                .with("messageTtl", Duration.ofMinutes(1));
        DeadLetterQueue dlq = DeadLetterQueue.of("d", "dead", Position.ORIGIN);
        Consumer c = (Consumer) Consumer.of("c", "worker", Position.ORIGIN).with("failureRate", 0.1);
        Source s = (Source) Source.of("s", "shop", Position.ORIGIN).with("priorityMix", Map.of(0, 0.5, 9, 0.5))
                .with("headers", Map.of(MqttHeaders.QOS, "3"));
        List<String> found = messages(Broker.MQTT, List.of(q, dlq, c, s, TOPIC), List.of(
                new Edge("e1", "q", Port.DEAD_LETTER, "d", null, Map.of()),
                new Edge("e2", "t", Port.OUT, "q", "orders.#", Map.of()),
                new Edge("e3", "t", Port.OUT, "d", "a/#/b", Map.of()),
                new Edge("e4", "s", Port.OUT, "t", null, Map.of())));
        assertThat(found)
                .anySatisfy(m -> assertThat(m).contains("publishes to a topic without a topic name"))
                .anySatisfy(m -> assertThat(m).contains("MQTT messages have none"))
                .anySatisfy(m -> assertThat(m).contains("has a delivery limit, but MQTT has none"))
                .anySatisfy(m -> assertThat(m).contains("no dead-letter queue"))
                .anySatisfy(m -> assertThat(m).contains("has no counterpart on MQTT"))
                .anySatisfy(m -> assertThat(m).contains("an MQTT session has none"))
                .anySatisfy(m -> assertThat(m).contains("MQTT has no nack"))
                .anySatisfy(m -> assertThat(m).contains("publishes priorities"))
                .anySatisfy(m -> assertThat(m).contains("a QoS is 0, 1 or 2"))
                .anySatisfy(m -> assertThat(m).contains("'#' may only be the last level"));
    }

    @Test
    void whatAnMqttDesignLosesOnRabbitMqIsNamed() {
        Source s = (Source) Source.of("s", "sensor", Position.ORIGIN)
                .with("headers", Map.of(MqttHeaders.RETAIN, "true", MqttHeaders.QOS, "0"));
        Queue q = Queue.of("q", "dashboard", Position.ORIGIN);
        List<String> found = messages(Broker.RABBITMQ, List.of(s, TOPIC, q), List.of(
                new Edge("e1", "t", Port.OUT, "q", "$share/g/sensors/+", Map.of())));
        assertThat(found)
                .anySatisfy(m -> assertThat(m).contains("publishes retained messages, which RabbitMQ does not have"))
                .anySatisfy(m -> assertThat(m).contains("states an MQTT QoS"))
                .anySatisfy(m -> assertThat(m).contains("is an MQTT filter; RabbitMQ matches dotted words"));
        assertThat(messages(Broker.GENERIC, List.of(s, TOPIC, q), List.of())).isEmpty();
    }

    @Test
    void theLoadEstimateRoutesByMqttFiltersUnderTheMqttProfile() {
        Source s = (Source) Source.of("s", "sensors", Position.ORIGIN).with("rate", 10.0)
                .with("routingKeys", List.of("home/kitchen/temp", "home/kitchen/humidity"));
        List<Node> nodes = List.of(s, TOPIC, Queue.of("temps", "temps", Position.ORIGIN),
                Queue.of("all", "all", Position.ORIGIN), Queue.of("g1", "g1", Position.ORIGIN),
                Queue.of("g2", "g2", Position.ORIGIN));
        List<Edge> edges = List.of(new Edge("e0", "s", Port.OUT, "t", null, Map.of()),
                new Edge("e1", "t", Port.OUT, "temps", "+/+/temp", Map.of()),
                new Edge("e2", "t", Port.OUT, "all", "home/#", Map.of()),
                new Edge("e3", "t", Port.OUT, "g1", "$share/g/#", Map.of()),
                new Edge("e4", "t", Port.OUT, "g2", "$share/g/#", Map.of()));
        LoadEstimate mqtt = LoadEstimate.of(new Flow(new FlowInfo("p", "", Broker.MQTT), nodes, edges));
        assertThat(mqtt.arrival("temps")).isEqualTo(5.0);
        assertThat(mqtt.arrival("all")).isEqualTo(10.0);
        assertThat(mqtt.arrival("g1")).isEqualTo(5.0);
        assertThat(mqtt.arrival("g2")).isEqualTo(5.0);
        // Read as a RabbitMQ topic pattern, the MQTT filter matches none of the dotted keys' words.
        LoadEstimate generic = LoadEstimate.of(new Flow(new FlowInfo("p", "", Broker.GENERIC), nodes, edges));
        assertThat(generic.arrival("temps")).isZero();
    }
}
