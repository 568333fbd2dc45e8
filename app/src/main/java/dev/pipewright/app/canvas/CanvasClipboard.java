// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.app.editor.EditorState;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.edit.Edit;
import dev.pipewright.model.edit.Edits;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cut, copy, paste and duplicate of nodes inside the app. The clipboard keeps copies of the
 * nodes and of the wires among them; each paste gets fresh ids and lands 20 units further on.
 */
final class CanvasClipboard {
    static final double OFFSET = 20;

    private final EditorState state;
    private Edits.Clip content;
    private int pastes;

    CanvasClipboard(EditorState state) {
        this.state = state;
    }

    boolean hasContent() {
        return content != null && !content.nodes().isEmpty();
    }

    void copy() {
        Edits.Clip clip = selectedClip();
        if (!clip.nodes().isEmpty()) {
            content = clip;
            pastes = 0;
        }
    }

    void cut() {
        Edits.Clip clip = selectedClip();
        if (clip.nodes().isEmpty()) {
            return;
        }
        content = clip;
        pastes = -1; // the first paste after a cut puts the nodes back where they were
        Set<String> ids = ids(clip.nodes());
        Edit delete = Edits.delete(ids, state.selection().edges());
        state.execute(Edits.compound("Cut " + count(ids.size()), List.of(delete)));
        state.clearSelection();
    }

    void paste() {
        if (!hasContent()) {
            return;
        }
        pastes++;
        double d = OFFSET * pastes;
        Edits.Clip fresh = Edits.copyWithFreshIds(state.flow(), content.nodes(), content.edges(), d, d);
        state.execute(Edits.paste(fresh.nodes(), fresh.edges()));
        state.select(Selection.ofNodes(ids(fresh.nodes())));
    }

    void duplicate() {
        Edits.Clip clip = selectedClip();
        if (clip.nodes().isEmpty()) {
            return;
        }
        Edits.Clip fresh = Edits.copyWithFreshIds(state.flow(), clip.nodes(), clip.edges(), OFFSET, OFFSET);
        state.execute(Edits.compound("Duplicate " + count(fresh.nodes().size()),
                List.of(Edits.paste(fresh.nodes(), fresh.edges()))));
        state.select(Selection.ofNodes(ids(fresh.nodes())));
    }

    private Edits.Clip selectedClip() {
        Flow flow = state.flow();
        Set<String> selected = state.selection().nodes();
        List<Node> nodes = flow.nodes().stream().filter(n -> selected.contains(n.id())).toList();
        List<Edge> edges = flow.edges().stream()
                .filter(e -> selected.contains(e.from()) && selected.contains(e.to())).toList();
        return new Edits.Clip(nodes, edges);
    }

    private static Set<String> ids(List<Node> nodes) {
        Set<String> ids = new HashSet<>();
        nodes.forEach(n -> ids.add(n.id()));
        return ids;
    }

    private static String count(int n) {
        return n + (n == 1 ? " node" : " nodes");
    }
}
