// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.layout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayeredLayoutTest {
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    private void node(NodeKind kind, String id) {
        nodes.add(Node.create(kind, id, id, Position.ORIGIN));
    }

    private void edge(String from, String to) {
        edges.add(Edge.of("e" + edges.size(), from, Port.OUT, to));
    }

    private Flow flow() {
        return new Flow(new FlowInfo("t", ""), nodes, edges);
    }

    @Test
    void placesAPipelineInColumnsFromLeftToRight() {
        node(NodeKind.CONSUMER, "c");
        node(NodeKind.QUEUE, "q");
        node(NodeKind.SOURCE, "s");
        edge("s", "q");
        edge("q", "c");

        Map<String, Position> p = LayeredLayout.layout(flow());

        assertThat(p.get("s").x()).isEqualTo(LayeredLayout.MARGIN);
        assertThat(p.get("q").x()).isEqualTo(p.get("s").x() + LayeredLayout.COLUMN_SPACING);
        assertThat(p.get("c").x()).isEqualTo(p.get("q").x() + LayeredLayout.COLUMN_SPACING);
        assertThat(p.get("s").y()).isEqualTo(p.get("q").y()).isEqualTo(p.get("c").y());
    }

    @Test
    void columnIsTheLongestPathFromASource() {
        node(NodeKind.SOURCE, "s");
        node(NodeKind.PROCESSOR, "p");
        node(NodeKind.QUEUE, "q");
        edge("s", "p");
        edge("p", "q");
        edge("s", "q");

        Map<String, Position> p = LayeredLayout.layout(flow());

        assertThat(p.get("q").x()).isEqualTo(LayeredLayout.MARGIN + 2 * LayeredLayout.COLUMN_SPACING);
    }

    @Test
    void stacksSiblingsInOneColumnWithoutOverlap() {
        node(NodeKind.TOPIC, "t");
        node(NodeKind.QUEUE, "a");
        node(NodeKind.QUEUE, "b");
        node(NodeKind.QUEUE, "c");
        edge("t", "a");
        edge("t", "b");
        edge("t", "c");

        Map<String, Position> p = LayeredLayout.layout(flow());

        List<Double> ys = List.of(p.get("a").y(), p.get("b").y(), p.get("c").y());
        assertThat(ys).doesNotHaveDuplicates();
        assertThat(p.get("b").y() - p.get("a").y()).isEqualTo(LayeredLayout.ROW_SPACING);
        assertThat(p.get("t").y()).isEqualTo(p.get("b").y()); // the topic sits in the middle
    }

    @Test
    void aRetryLoopDoesNotHangAndKeepsTheForwardDirection() {
        node(NodeKind.SOURCE, "s");
        node(NodeKind.QUEUE, "q");
        node(NodeKind.CONSUMER, "c");
        node(NodeKind.DEAD_LETTER_QUEUE, "dlq");
        edge("s", "q");
        edge("q", "c");
        edges.add(Edge.of("dl", "q", Port.DEAD_LETTER, "dlq"));
        edge("dlq", "q"); // retry back to the origin: a cycle

        Map<String, Position> p = LayeredLayout.layout(flow());

        assertThat(p).containsOnlyKeys("s", "q", "c", "dlq");
        assertThat(p.get("s").x()).isLessThan(p.get("q").x());
        assertThat(p.get("q").x()).isLessThan(p.get("dlq").x());
    }

    @Test
    void barycentreOrderingRemovesAvoidableCrossings() {
        node(NodeKind.SOURCE, "s1");
        node(NodeKind.SOURCE, "s2");
        node(NodeKind.QUEUE, "q2"); // listed first, but fed by the lower source
        node(NodeKind.QUEUE, "q1");
        edge("s1", "q1");
        edge("s2", "q2");

        Map<String, Position> p = LayeredLayout.layout(flow());

        assertThat(p.get("s1").y() < p.get("s2").y()).isEqualTo(p.get("q1").y() < p.get("q2").y());
    }

    @Test
    void sameFlowGivesTheSameLayoutEveryTime() {
        for (int i = 0; i < 30; i++) {
            node(i % 3 == 0 ? NodeKind.SOURCE : NodeKind.QUEUE, "n" + i);
        }
        for (int i = 0; i < 30; i += 3) {
            edge("n" + i, "n" + (i + 1));
            edge("n" + i, "n" + (i + 2));
            edge("n" + (i + 1), "n" + ((i + 5) % 30));
        }
        Flow f = flow();

        assertThat(LayeredLayout.layout(f)).isEqualTo(LayeredLayout.layout(f));
        assertThat(LayeredLayout.layout(f).keySet()).containsExactlyElementsOf(f.nodesById().keySet());
    }

    @Test
    void emptyFlowHasAnEmptyLayout() {
        assertThat(LayeredLayout.layout(Flow.EMPTY)).isEmpty();
    }
}
