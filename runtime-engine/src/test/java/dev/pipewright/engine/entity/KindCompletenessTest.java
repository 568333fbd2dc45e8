// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.engine.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.engine.kernel.Kernel;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Position;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every node kind has an entity factory: a flow of one node of each kind compiles into one
 * running entity that counts for that node and kind. If this fails after adding a kind, follow
 * docs/architecture.md, "Adding a node kind".
 */
class KindCompletenessTest {

    @ParameterizedTest
    @EnumSource(NodeKind.class)
    void aOneNodeFlowOfEveryKindCompilesToAnEntityOfThatKind(NodeKind kind) {
        Node node = kind.create("n1", "N", Position.ORIGIN);
        Flow flow = new Flow(new FlowInfo("one " + kind.typeName(), ""), List.of(node), List.of());

        FlowCompiler.Compiled compiled = FlowCompiler.compile(flow, new World(new Kernel(), 1));

        Entity entity = compiled.world().entity("n1");
        assertThat(compiled.world().entities()).containsExactly(entity);
        assertThat(entity.nodeId()).isEqualTo("n1");
        assertThat(entity.stats().toStats(0).kind()).isEqualTo(kind);
        assertThat(EntityFactories.of(kind).create(new World(new Kernel(), 1), node)).hasSameClassAs(entity);
    }
}
