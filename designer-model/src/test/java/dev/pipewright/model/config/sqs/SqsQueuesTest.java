// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.config.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipewright.model.Broker;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQS export's choices: values SQS cannot hold are changed with a warning; ElasticMQ proves the rest (SqsExportElasticMqTest). */
class SqsQueuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Flow flow(List<Node> nodes, List<Edge> edges) {
        return new Flow(new FlowInfo("f", "", Broker.SQS), nodes, edges);
    }

    private static JsonNode attributes(Exported e, String name) throws Exception {
        for (JsonNode q : JSON.readTree(e.text()).get("queues")) {
            if (q.get("QueueName").asText().equals(name)) {
                return q.get("Attributes");
            }
        }
        throw new AssertionError("no queue " + name + " in " + e.text());
    }

    private static List<String> warnings(Exported e) {
        return e.warnings().stream().map(Finding::message).toList();
    }

    @Test
    void valuesOutsideSqsRangesAreBroughtInWithAWarning() throws Exception {
        Queue q = (Queue) Queue.of("q", "work", Position.ORIGIN).with("deliveryDelay", Duration.ofMinutes(20))
                .with("messageTtl", Duration.ofSeconds(10)).with("visibilityTimeout", Duration.ofMillis(1500));
        Exported e = SqsQueues.write(flow(List.of(q), List.of()));
        JsonNode a = attributes(e, "work");
        assertThat(a.get("DelaySeconds").asText()).isEqualTo("900");
        assertThat(a.get("MessageRetentionPeriod").asText()).isEqualTo("60");
        assertThat(a.get("VisibilityTimeout").asText()).isEqualTo("2");
        assertThat(a.has("FifoQueue")).isFalse();
        assertThat(warnings(e)).anySatisfy(m -> assertThat(m).contains("exported as 900 s"))
                .anySatisfy(m -> assertThat(m).contains("exported as 60 s"))
                .anySatisfy(m -> assertThat(m).contains("exported as 2 s"));
    }

    @Test
    void aRedrivePolicyNeedsBothADeadLetterQueueAndADeliveryLimit() throws Exception {
        Queue noLimit = Queue.of("a", "a", Position.ORIGIN);
        Queue noDlq = (Queue) Queue.of("b", "b", Position.ORIGIN).with("deliveryLimit", 4);
        Queue fifo = (Queue) Queue.of("c", "c", Position.ORIGIN).with("deliveryLimit", 2).with("fifo", true);
        DeadLetterQueue dlq = DeadLetterQueue.of("d", "d", Position.ORIGIN);
        Exported e = SqsQueues.write(flow(List.of(noLimit, noDlq, fifo, dlq), List.of(
                Edge.of("e1", "a", Port.DEAD_LETTER, "d"), Edge.of("e2", "c", Port.DEAD_LETTER, "d"))));
        assertThat(attributes(e, "a").has("RedrivePolicy")).isFalse();
        assertThat(attributes(e, "b").has("RedrivePolicy")).isFalse();
        assertThat(JSON.readTree(attributes(e, "c.fifo").get("RedrivePolicy").asText()).get("maxReceiveCount").asInt())
                .isEqualTo(2);
        assertThat(warnings(e)).anySatisfy(m -> assertThat(m).contains("no delivery limit"))
                .anySatisfy(m -> assertThat(m).contains("no dead-letter queue"))
                .anySatisfy(m -> assertThat(m).contains("SQS refuses the redrive policy"));
    }

    @Test
    void namesThatCleanToTheSameAreNumbered() throws Exception {
        Exported e = SqsQueues.write(flow(List.of(Queue.of("a", "a.b", Position.ORIGIN),
                Queue.of("b", "a-b", Position.ORIGIN)), List.of()));
        assertThat(JSON.readTree(e.text()).get("queues").findValuesAsText("QueueName")).containsExactly("a-b", "a-b-2");
    }

    @Test
    void anArnPrefixMustBeOne() {
        assertThatThrownBy(() -> SqsQueues.write(flow(List.of(), List.of()), "arn:aws:sqs:eu-west-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("arn:aws:sqs:REGION:ACCOUNT");
    }

    @Test
    void namesAreTheExportedQueueNamesByNode() throws Exception {
        // Two names SQS's rules clean into the same one: the second is numbered, in the names as in the export.
        List<Node> nodes = List.of(Queue.of("a", "order.events", Position.ORIGIN), Queue.of("b", "order-events", Position.ORIGIN),
                Queue.of("c", "pay", Position.ORIGIN).with("fifo", true), DeadLetterQueue.of("d", "pay-dlq", Position.ORIGIN));
        Flow f = flow(nodes, List.of(Edge.of("e", "c", Port.DEAD_LETTER, "d")));
        java.util.Set<String> exported = new java.util.HashSet<>();
        for (JsonNode q : JSON.readTree(SqsQueues.write(f).text()).get("queues")) {
            exported.add(q.get("QueueName").asText());
        }
        assertThat(SqsQueues.names(f)).containsOnlyKeys("a", "b", "c", "d");
        assertThat(java.util.Set.copyOf(SqsQueues.names(f).values())).isEqualTo(exported);
        assertThat(SqsQueues.names(f)).containsEntry("a", "order-events").containsEntry("b", "order-events-2")
                .containsEntry("c", "pay.fifo");
    }
}
