// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Overflow;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.QueueType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortabilityTest {
    private static Flow one(Queue q, Broker broker) {
        return new Flow(new FlowInfo("p", "", broker), List.of(q), List.of());
    }

    private static Queue queue(QueueType type) {
        return (Queue) Queue.of("q", "Orders", Position.ORIGIN).with("queueType", type);
    }

    private static List<String> messages(Queue q, Broker target) {
        return Portability.findings(one(q, Broker.GENERIC), target).stream().map(Finding::message).toList();
    }

    @Test
    void aPlainQueueIsPortableToRabbitMq() {
        assertThat(Portability.findings(one(queue(QueueType.CLASSIC), Broker.GENERIC), Broker.RABBITMQ)).isEmpty();
        assertThat(Portability.findings(one(queue(QueueType.CLASSIC), Broker.GENERIC), Broker.GENERIC)).isEmpty();
    }

    @Test
    void aStreamCannotBeSimulatedAndBlocksTheRun() {
        Flow flow = one(queue(QueueType.STREAM), Broker.RABBITMQ);
        assertThat(FlowChecks.hasErrors(FlowChecks.all(flow))).isTrue();
        assertThat(FlowChecks.hasErrors(FlowChecks.all(one(queue(QueueType.STREAM), Broker.ARTEMIS)))).isFalse();
    }

    @Test
    void eachRabbitMqDifferenceIsNamedWithItsFix() {
        Queue quorum = (Queue) queue(QueueType.QUORUM).with("deliveryLimit", 3).with("maxPriority", 5)
                .with("maxLength", 10).with("overflow", Overflow.REJECT_PUBLISH_DLX)
                .with("redeliveryDelay", Duration.ofSeconds(1));
        assertThat(messages(quorum, Broker.RABBITMQ)).hasSize(4).anySatisfy(m -> assertThat(m).contains("allows 4 deliveries"))
                .anySatisfy(m -> assertThat(m).contains("quorum queues have none"))
                .anySatisfy(m -> assertThat(m).contains("reject-publish-dlx"))
                .anySatisfy(m -> assertThat(m).contains("redelivery delay"));
        assertThat(Portability.findings(one(quorum, Broker.GENERIC), Broker.RABBITMQ))
                .allSatisfy(f -> assertThat(f.nodeId()).isEqualTo("q"));
    }

    @Test
    void anExpiredWireIsNamedForRabbitMqOnly() {
        Flow flow = new Flow(new FlowInfo("p", "", Broker.GENERIC), List.of(queue(QueueType.CLASSIC),
                dev.pipewright.model.DeadLetterQueue.of("x", "Expired", Position.ORIGIN)),
                List.of(dev.pipewright.model.Edge.of("e1", "q", dev.pipewright.model.Port.EXPIRED, "x")));
        assertThat(Portability.findings(flow, Broker.RABBITMQ)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).contains("no expiry address", "dead-letters them");
            assertThat(f.fix()).contains("'dead-letter' port");
        });
        assertThat(Portability.findings(flow, Broker.ARTEMIS)).noneMatch(f -> f.message().contains("expired"));
    }

    @Test
    void eachArtemisDifferenceIsNamed() {
        Queue q = (Queue) queue(QueueType.QUORUM).with("maxPriority", 20).with("maxLength", 10);
        assertThat(messages(q, Broker.ARTEMIS)).hasSize(4)
                .anySatisfy(m -> assertThat(m).contains("Artemis does not have"))
                .anySatisfy(m -> assertThat(m).contains("after 10 delivery attempts"))
                .anySatisfy(m -> assertThat(m).contains("priorities are 0 to 9"))
                .anySatisfy(m -> assertThat(m).contains("drops its oldest message"));
    }

    @Test
    void theFlowsOwnProfileAddsItsFindingsToTheChecks() {
        Queue classicWithLimit = (Queue) queue(QueueType.CLASSIC).with("deliveryLimit", 3);
        assertThat(FlowChecks.all(one(classicWithLimit, Broker.RABBITMQ))).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("a classic queue has none on RabbitMQ"));
        assertThat(FlowChecks.all(one(classicWithLimit, Broker.GENERIC))).extracting(Finding::message)
                .noneSatisfy(m -> assertThat(m).contains("RabbitMQ"));
    }

    @Test
    void artemisAddressFullPoliciesAreWarnedAboutForRabbitMqAndNativeOnArtemis() {
        for (Overflow overflow : List.of(Overflow.PAGE, Overflow.BLOCK, Overflow.DROP_NEW)) {
            Queue q = (Queue) queue(QueueType.CLASSIC).with("maxLength", 3).with("overflow", overflow);
            String word = overflow.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            assertThat(Portability.findings(one(q, Broker.GENERIC), Broker.RABBITMQ)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.message()).contains(word, "RabbitMQ export leaves the limit out");
                assertThat(f.fix()).isNotBlank();
            });
            assertThat(messages(q, Broker.ARTEMIS)).as(word).noneMatch(m -> m.contains(word));
            // Without a maximum length the policy never acts, so there is nothing to say.
            assertThat(messages((Queue) q.with("maxLength", null), Broker.RABBITMQ)).isEmpty();
        }
    }
}
