// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.report;

import dev.pipewright.engine.api.Conservation;
import dev.pipewright.model.Broker;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one run in a form people and programs read: the run's settings, each node's
 * statistics and the conservation law. {@link Reports} builds it from an engine snapshot and
 * formats it as a text table or JSON.
 *
 * @param flow the flow's name
 * @param clock {@code virtual} or {@code paced}
 * @param broker the broker profile whose rules the run followed ({@code generic}, {@code rabbitmq}, {@code artemis})
 * @param seed the random seed; the same seed gives the same report
 * @param virtualSeconds virtual time the run covered, warm-up included
 * @param warmUpSeconds virtual time run before the statistics started (0 for none)
 * @param events events the kernel processed
 * @param nodes one entry per node, in flow order
 * @param conservation the conservation law at the end of the run
 */
public record RunReport(String flow, String clock, String broker, long seed, double virtualSeconds,
                        double warmUpSeconds, long events,
                        List<NodeReport> nodes, Conservation conservation) {
    public RunReport {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(broker, "broker");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(conservation, "conservation");
    }

    /** A report of a run on the generic profile. */
    public RunReport(String flow, String clock, long seed, double virtualSeconds, double warmUpSeconds, long events,
                     List<NodeReport> nodes, Conservation conservation) {
        this(flow, clock, Broker.GENERIC.word(), seed, virtualSeconds, warmUpSeconds, events, nodes, conservation);
    }

    /** The virtual time the statistics cover. */
    public double measuredSeconds() {
        return virtualSeconds - warmUpSeconds;
    }

    /** The node with this id, or else the only node with this name. */
    public Optional<NodeReport> node(String idOrName) {
        for (NodeReport n : nodes) {
            if (n.id().equals(idOrName)) {
                return Optional.of(n);
            }
        }
        List<NodeReport> named = nodes.stream().filter(n -> n.name().equals(idOrName)).toList();
        return named.size() == 1 ? Optional.of(named.getFirst()) : Optional.empty();
    }
}
