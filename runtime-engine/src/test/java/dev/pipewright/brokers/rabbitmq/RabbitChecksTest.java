// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.rabbitmq;

import static dev.pipewright.brokers.live.LiveFlows.plus;
import static dev.pipewright.brokers.live.LiveFlows.workerWiredTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a live run on RabbitMQ refuses beyond the checks every backend shares. */
class RabbitChecksTest {
    private static List<String> errors(Flow flow) {
        return LiveRun.check(flow).stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::message).toList();
    }

    @Test
    void aConsumerWiredOnToOneQueueTopicProcessorOrEndpointRuns() {
        assertThat(errors(workerWiredTo(Processor.of("tidy", "tidy", Position.ORIGIN)))).isEmpty();
        assertThat(errors(workerWiredTo(Queue.of("next", "next", Position.ORIGIN)))).isEmpty();
        assertThat(errors(workerWiredTo(Topic.of("events", "events", Position.ORIGIN)))).isEmpty();
        assertThat(errors(workerWiredTo(Endpoint.of("crm", "crm", Position.ORIGIN)))).isEmpty();
    }

    @Test
    void aConsumerWiredOnToAMessageStoreRuns() {
        assertThat(errors(plus(workerWiredTo(MessageStore.of("outbox", "outbox", Position.ORIGIN)), Endpoint.of("crm",
                "crm", Position.ORIGIN), Edge.of("e4", "outbox", Port.OUT, "crm")))).isEmpty();
    }

    @Test
    void aConsumerWiredOnToTwoNodesRuns() {
        assertThat(errors(plus(workerWiredTo(Queue.of("next", "next", Position.ORIGIN)), Topic.of("other", "other",
                Position.ORIGIN), Edge.of("e4", "worker", Port.OUT, "other")))).isEmpty();
    }

    @Test
    void aResequencerFedStraightByAConsumerRuns() {
        Flow f = workerWiredTo(Processor.of("order", "order", Position.ORIGIN).with("variant", Processor.Variant.RESEQUENCER));
        assertThat(errors(f)).isEmpty();
    }
}
