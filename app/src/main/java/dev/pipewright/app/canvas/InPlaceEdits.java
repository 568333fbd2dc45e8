// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.app.editor.EditorState;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Node;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Topic;
import dev.pipewright.model.edit.Edits;
import java.util.Set;
import javafx.geometry.Point2D;

/**
 * Editing where it is drawn: a node's name on its card, and the binding key or route name of a
 * wire leaving a topic or a content router on the wire's label. Enter commits one edit.
 */
final class InPlaceEdits {
    private final FlowCanvas canvas;
    private final EditorState state;

    InPlaceEdits(FlowCanvas canvas) {
        this.canvas = canvas;
        this.state = canvas.state();
    }

    void rename(NodeView v) {
        String id = v.nodeId();
        double left = v.nameLabel().localToScene(0, 0).getX();
        double textX = v.sceneToLocal(left, 0).getX();
        canvas.editor().open(v.getLayoutX() + textX - 5, v.getLayoutY() + 7, NodeView.WIDTH - textX - 4,
                v.node().name(), text -> {
                    String name = text.strip();
                    if (name.isEmpty() || canvas.state().flow().node(id).map(Node::name).orElse(name).equals(name)) {
                        return;
                    }
                    try {
                        state.execute(Edits.rename(id, name));
                    } catch (IllegalArgumentException ex) {
                        canvas.tell("Can't rename to '" + name + "': " + ex.getMessage(), true);
                    }
                });
    }

    void editKey(WireView w) {
        Edge edge = w.edge();
        Node from = state.flow().node(edge.from()).orElse(null);
        boolean topic = from instanceof Topic;
        boolean router = from instanceof Processor p && p.variant() == Processor.Variant.CONTENT_ROUTER;
        if (!topic && !router) {
            state.select(new Selection(Set.of(), Set.of(edge.id())));
            return;
        }
        String what = topic ? "binding key" : "route";
        Point2D at = w.labelAnchor();
        canvas.editor().open(at.getX() - 70, at.getY() - 14, 140, edge.key() == null ? "" : edge.key(), text -> {
            String key = text.strip();
            Edge current = state.flow().edge(edge.id()).orElse(null);
            if (current == null || key.equals(current.key() == null ? "" : current.key())) {
                return;
            }
            state.execute(Edits.replaceEdge(current.withKey(key), "Change " + what + " to '" + key + "'"));
        });
    }
}
