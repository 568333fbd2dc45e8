// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.check;

import static dev.pipewright.model.check.Flows.flow;
import static dev.pipewright.model.check.Flows.ms;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Consumer;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Limits;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The checks on the largest flows the model takes, and on the shapes that make naive checks blow
 * up. Each test takes well under a second; the timeouts catch work that grows with the number of
 * paths or with nodes times edges, which would take minutes here.
 */
class ChecksScaleTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theLoadEstimateFollowsWiresNotPaths() {
        // 30 processors, each wired twice to the next: 2^29 paths from the source to the queue.
        Flows f = flow().source("s", 10);
        for (int i = 1; i <= 30; i++) {
            f.processor("p" + i, Processor.Variant.TRANSFORM);
        }
        f.queue("q").consumer("c", 1, ms(1)).wire("s", "p1");
        for (int i = 1; i < 30; i++) {
            f.wire("p" + i, "p" + (i + 1)).wire("p" + i, "p" + (i + 1));
        }
        Flow flow = f.wire("p30", "q").wire("q", "c").build();

        // Each processor copies what it receives to both of its wires.
        assertThat(LoadEstimate.of(flow).arrival("q")).isEqualTo(10.0 * (1 << 29));
        assertThat(Lint.lint(flow)).anySatisfy(finding -> assertThat(finding.nodeId()).isEqualTo("q"));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyCheckOfAFlowAtTheLimitsIsQuick() {
        Flow flow = largestFlow();
        assertThat(flow.nodes()).hasSize(Limits.MAX_NODES);
        assertThat(flow.edges().size()).isGreaterThan(35_000);

        List<Finding> findings = FlowChecks.all(flow);

        // The big payloads reach no claim check, so each source is told; the chain has no error.
        assertThat(findings).filteredOn(finding -> finding.message().contains("sends payloads of")).hasSize(100);
        assertThat(FlowChecks.hasErrors(findings)).isFalse();
    }

    /** 100 sources of large payloads into a chain of queues and consumers, each consumer feeding the next five queues. */
    private static Flow largestFlow() {
        int sources = 100;
        int pairs = (Limits.MAX_NODES - sources) / 2;
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            nodes.add(Source.of("s" + s, null, null).with("payloadSize", 1_000_000).with("rate", 1.0));
            for (int q = 0; q < 100; q++) {
                edges.add(Edge.of("es" + s + "-" + q, "s" + s, Port.OUT, "q" + q));
            }
        }
        for (int i = 0; i < pairs; i++) {
            nodes.add(Queue.of("q" + i, null, null));
            nodes.add(Consumer.of("c" + i, null, null));
            edges.add(Edge.of("eq" + i, "q" + i, Port.OUT, "c" + i));
            for (int next = i + 1; next <= i + 5 && next < pairs; next++) {
                edges.add(Edge.of("ec" + i + "-" + next, "c" + i, Port.OUT, "q" + next));
            }
        }
        return new Flow(new FlowInfo("largest", ""), nodes, edges);
    }
}
