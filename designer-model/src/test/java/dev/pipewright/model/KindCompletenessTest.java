// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every node kind is fully described by its {@link NodeKind} constant, and every record the
 * sealed {@link Node} permits has a kind. If this fails after adding a kind, follow
 * docs/architecture.md, "Adding a node kind".
 */
class KindCompletenessTest {

    @Test
    void everyRecordNodePermitsHasExactlyOneKind() {
        List<Class<?>> permitted = Arrays.asList(Node.class.getPermittedSubclasses());
        assertThat(Arrays.stream(NodeKind.values()).<Class<?>>map(NodeKind::recordClass).toList())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(permitted);
    }

    @ParameterizedTest
    @EnumSource(NodeKind.class)
    void theDescriptorMakesADefaultNodeOfItsOwnRecordThatSaysItsKind(NodeKind kind) {
        Node node = kind.create("n1", "N", Position.ORIGIN);

        assertThat(node).isExactlyInstanceOf(kind.recordClass());
        assertThat(node.kind()).isEqualTo(kind);
        assertThat(NodeKind.ofRecord(node.getClass())).isEqualTo(kind);
        assertThat(Node.create(kind, "n1", "N", Position.ORIGIN)).isEqualTo(node);
    }

    @ParameterizedTest
    @EnumSource(NodeKind.class)
    void theDescriptorHasWordsLooksAndWiring(NodeKind kind) {
        assertThat(kind.typeName()).matches("[a-z]+(-[a-z]+)*");
        assertThat(NodeKind.fromTypeName(kind.typeName())).isEqualTo(kind);
        assertThat(kind.displayName()).isNotBlank();
        assertThat(kind.description()).isNotBlank();
        assertThat(kind.accentHex()).matches("#[0-9a-f]{6}");
        assertThat(kind.initials()).matches("[A-Z]{1,2}");
        assertThat(kind.shape()).isNotNull();
        assertThat(kind.inputs()).allMatch(p -> !p.isOutput());
        assertThat(kind.outputs()).isNotEmpty().allMatch(Port::isOutput);
        for (Port port : kind.outputs()) {
            assertThat(kind.targets(port)).as("targets of %s's %s output", kind, port.word())
                    .isNotEmpty()
                    .allMatch(target -> !target.inputs().isEmpty());
        }
    }

    @Test
    void kindsDifferInTheirTypeNamesAndColours() {
        Set<String> names = new HashSet<>();
        Set<String> colours = new HashSet<>();
        for (NodeKind kind : NodeKind.values()) {
            assertThat(names.add(kind.typeName())).as(kind.typeName()).isTrue();
            assertThat(colours.add(kind.accentHex())).as(kind + " colour").isTrue();
        }
    }
}
