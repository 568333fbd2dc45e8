// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.editor;

import java.util.Set;

/**
 * What is selected on the canvas: node ids and edge ids.
 *
 * @param nodes selected node ids
 * @param edges selected edge ids
 */
public record Selection(Set<String> nodes, Set<String> edges) {
    public static final Selection EMPTY = new Selection(Set.of(), Set.of());

    public Selection {
        nodes = Set.copyOf(nodes);
        edges = Set.copyOf(edges);
    }

    public static Selection ofNodes(Set<String> nodes) {
        return new Selection(nodes, Set.of());
    }

    public boolean isEmpty() {
        return nodes.isEmpty() && edges.isEmpty();
    }
}
