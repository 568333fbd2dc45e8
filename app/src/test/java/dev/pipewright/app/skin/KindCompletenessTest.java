// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.skin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Position;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every node kind has a skin: an icon, a palette group, summary lines for its default node, and
 * help for each property only it has. If this fails after adding a kind, follow
 * docs/architecture.md, "Adding a node kind".
 */
class KindCompletenessTest {

    @Test
    void everyKindHasExactlyOneSkin() {
        assertThat(KindSkins.kinds()).containsExactlyInAnyOrder(NodeKind.values());
    }

    @ParameterizedTest
    @EnumSource(NodeKind.class)
    void theSkinDrawsADefaultNodeOfItsKind(NodeKind kind) {
        KindSkin<?> skin = KindSkins.of(kind);
        Node node = kind.create("n1", "N", Position.ORIGIN);
        Flow flow = new Flow(new FlowInfo("one " + kind.typeName(), ""), List.of(node), List.of());

        assertThat(skin.kind()).isEqualTo(kind);
        assertThat(skin.type()).isEqualTo(kind.recordClass());
        assertThat(skin.iconLiteral()).startsWith("mdi2");
        assertThat(skin.paletteGroup()).isNotNull();
        assertThat(KindSkins.summary(node, flow)).hasSize(2).allMatch(line -> !line.isBlank());
    }

    @ParameterizedTest
    @EnumSource(NodeKind.class)
    void theSkinDescribesOnlyPropertiesItsKindHas(NodeKind kind) {
        List<String> components = java.util.Arrays.stream(kind.recordClass().getRecordComponents())
                .map(c -> c.getName()).toList();
        assertThat(components).containsAll(KindSkins.of(kind).properties().keySet());
    }
}
