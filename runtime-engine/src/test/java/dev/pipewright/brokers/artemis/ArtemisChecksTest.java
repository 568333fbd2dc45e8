// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.artemis;

import static dev.pipewright.brokers.live.LiveFlows.plus;
import static dev.pipewright.brokers.live.LiveFlows.workerWiredTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Endpoint;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.MessageStore;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a live run on Artemis runs of a consumer that passes messages on (along any of its wires, to what a live run plays) and of a processor's outputs. */
class ArtemisChecksTest {

    private static List<String> errors(Flow flow) {
        return ArtemisLiveRun.check(flow).stream().filter(f -> f.severity() == Severity.ERROR).map(Finding::message)
                .toList();
    }

    @Test
    void aConsumerWiredOnToAQueueATopicAProcessorOrAnEndpointRuns() {
        assertThat(errors(workerWiredTo(Queue.of("next", "next", Position.ORIGIN)))).isEmpty();
        assertThat(errors(workerWiredTo(Topic.of("events", "events", Position.ORIGIN)))).isEmpty();
        assertThat(errors(workerWiredTo(Processor.of("tidy", "tidy", Position.ORIGIN)))).isEmpty();
        assertThat(errors(workerWiredTo(Endpoint.of("crm", "crm", Position.ORIGIN)))).isEmpty();
    }

    @Test
    void aConsumerWiredOnAlongTwoWiresAndAResequencerFedByAConsumerRun() {
        assertThat(errors(plus(workerWiredTo(Queue.of("next", "next", Position.ORIGIN)), Endpoint.of("crm", "crm",
                Position.ORIGIN), Edge.of("e4", "worker", Port.OUT, "crm")))).isEmpty();
        assertThat(errors(workerWiredTo(Processor.of("order", "order", Position.ORIGIN)
                .with("variant", Processor.Variant.RESEQUENCER)))).isEmpty();
    }

    @Test
    void aProcessorWiredToAnEndpointOrToAStoreForwardingToOneRuns() {
        Flow toEndpoint = new Flow(new FlowInfo("Outputs", ""), List.of(Source.of("src", "src", Position.ORIGIN),
                Queue.of("in", "in", Position.ORIGIN), Processor.of("tidy", "tidy", Position.ORIGIN),
                Endpoint.of("crm", "crm", Position.ORIGIN)),
                List.of(Edge.of("e1", "src", Port.OUT, "in"), Edge.of("e2", "in", Port.OUT, "tidy"),
                        Edge.of("e3", "tidy", Port.OUT, "crm")));
        assertThat(errors(toEndpoint)).isEmpty();
        Flow toStore = new Flow(new FlowInfo("Outputs", ""), List.of(Source.of("src", "src", Position.ORIGIN),
                Processor.of("tidy", "tidy", Position.ORIGIN), MessageStore.of("outbox", "outbox", Position.ORIGIN),
                Endpoint.of("crm", "crm", Position.ORIGIN)),
                List.of(Edge.of("e1", "src", Port.OUT, "tidy"), Edge.of("e2", "tidy", Port.OUT, "outbox"),
                        Edge.of("e3", "outbox", Port.OUT, "crm")));
        assertThat(errors(toStore)).isEmpty();
    }
}
