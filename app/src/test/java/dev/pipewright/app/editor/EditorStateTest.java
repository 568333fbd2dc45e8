// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Flow;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.edit.Edits;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The editor's state is one value: whoever is told of a part sees the rest as it is with it. */
class EditorStateTest {
    private final EditorState state = new EditorState(Flow.EMPTY);

    @Test
    void aListenerOfTheFlowSeesTheSelectionAndUndoThatGoWithIt() {
        state.execute(Edits.addNode(Queue.of("q1", "Orders", new Position(0, 0))));
        state.select(Selection.ofNodes(Set.of("q1")));
        List<String> seen = new ArrayList<>();
        state.flowProperty().addListener((obs, old, flow) -> seen.add(flow.nodes().size() + " nodes, selected "
                + state.selection().nodes() + ", " + state.undoTextProperty().get() + ", can redo "
                + state.canRedoProperty().get()));

        state.execute(Edits.delete(Set.of("q1"), Set.of()));
        state.undo();

        assertThat(seen).containsExactly(
                "0 nodes, selected [], Undo Delete 1 node, can redo false",
                "1 nodes, selected [], Undo Add queue 'Orders', can redo true");
    }

    @Test
    void aListenerOfTheSelectionSeesTheEditThatChangedIt() {
        state.execute(Edits.addNode(Queue.of("q1", "Orders", new Position(0, 0))));
        state.select(Selection.ofNodes(Set.of("q1")));
        List<String> seen = new ArrayList<>();
        state.selectionProperty().addListener((obs, old, sel) -> seen.add(sel.nodes() + " of "
                + state.flow().nodes().size() + " nodes, " + state.undoTextProperty().get()));

        state.execute(Edits.delete(Set.of("q1"), Set.of()));

        assertThat(seen).containsExactly("[] of 0 nodes, " + state.undoTextProperty().get());
        assertThat(state.undoTextProperty().get()).startsWith("Undo Delete");
    }
}
