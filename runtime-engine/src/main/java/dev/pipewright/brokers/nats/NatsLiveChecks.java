// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.brokers.nats;

import dev.pipewright.brokers.live.LiveChecks;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.QueueSettings;
import dev.pipewright.model.Source;
import dev.pipewright.model.Topic;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * What a live run on NATS JetStream refuses, one sentence per node: it runs sources publishing
 * straight to queues (streams) and consumers reading them, nothing else yet.
 */
final class NatsLiveChecks {
    private NatsLiveChecks() {
    }

    /** {@link LiveChecks#common} and NATS's own findings for {@code flow}. */
    static List<Finding> of(Flow flow) {
        List<Finding> out = new ArrayList<>(LiveChecks.common(flow));
        if (flow.info().broker() != Broker.NATS) {
            out.add(new Finding(Severity.WARNING, null, null, "the flow follows " + flow.info().broker().label()
                    + "'s rules, but a NATS server runs it by JetStream's: compare it with the simulator under the nats"
                    + " profile", "set the flow's broker to nats"));
        }
        for (Node n : flow.nodes()) {
            switch (n) {
                case Topic t -> out.add(LiveChecks.error(t, "topics (subject filters) do not run live on NATS yet;"
                        + " wire the source to the queue, or run it in the simulator"));
                case Source s -> {
                    for (Edge e : flow.outgoing(s.id(), Port.OUT)) {
                        if (!(flow.node(e.to()).orElse(null) instanceof QueueSettings)) {
                            out.add(LiveChecks.error(s, "on NATS a live source publishes to a queue's stream; wire it to"
                                    + " a queue"));
                            break;
                        }
                    }
                }
                case Consumer c when !flow.outgoing(c.id(), Port.OUT).isEmpty() ->
                        out.add(LiveChecks.error(c, "a consumer that passes messages on does not run live on NATS yet;"
                                + " run it in the simulator"));
                case QueueSettings q when !flow.outgoing(q.id(), Port.DEAD_LETTER).isEmpty() ->
                        out.add(LiveChecks.error(n, "a dead-letter wire (a listener of JetStream's max-deliveries"
                                + " advisory) does not run live on NATS yet; run it in the simulator"));
                default -> {
                }
            }
        }
        return out;
    }
}
