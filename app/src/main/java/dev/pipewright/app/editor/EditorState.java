// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.editor;

import dev.pipewright.model.Flow;
import dev.pipewright.model.edit.Edit;
import dev.pipewright.model.edit.EditHistory;
import java.util.HashSet;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The state of one open flow in the editor: the flow with its undo history, and the selection.
 * A view model: it knows no controls, so it is tested without a screen. Every change of the flow
 * goes through {@link #execute(Edit)} and so can be undone.
 */
public final class EditorState {
    private final EditHistory history;
    private final ReadOnlyObjectWrapper<Flow> flow;
    private final ReadOnlyObjectWrapper<Selection> selection = new ReadOnlyObjectWrapper<>(Selection.EMPTY);
    private final ReadOnlyBooleanWrapper modified = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("Redo");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty snapToGrid = new SimpleBooleanProperty(true);

    public EditorState(Flow initial) {
        history = new EditHistory(initial);
        flow = new ReadOnlyObjectWrapper<>(initial);
        history.addListener(f -> refresh());
    }

    public ReadOnlyObjectProperty<Flow> flowProperty() {
        return flow.getReadOnlyProperty();
    }

    public Flow flow() {
        return flow.get();
    }

    public ReadOnlyObjectProperty<Selection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public Selection selection() {
        return selection.get();
    }

    public void select(Selection newSelection) {
        selection.set(newSelection);
    }

    public void clearSelection() {
        selection.set(Selection.EMPTY);
    }

    /** Applies an edit as one undo step; returns false if it changed nothing. */
    public boolean execute(Edit edit) {
        return history.execute(edit);
    }

    public void undo() {
        history.undo();
    }

    public void redo() {
        history.redo();
    }

    /** Replaces the document (open, new) and forgets the undo history. */
    public void reset(Flow newFlow) {
        selection.set(Selection.EMPTY);
        history.reset(newFlow);
    }

    public void markSaved() {
        history.markSaved();
    }

    public ReadOnlyBooleanProperty modifiedProperty() {
        return modified.getReadOnlyProperty();
    }

    /** "Undo Move 3 nodes", for the Edit menu. */
    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public BooleanProperty snapToGridProperty() {
        return snapToGrid;
    }

    private void refresh() {
        Flow f = history.current();
        flow.set(f);
        Selection s = selection.get();
        Set<String> nodes = new HashSet<>(s.nodes());
        nodes.removeIf(id -> f.node(id).isEmpty());
        Set<String> edges = new HashSet<>(s.edges());
        edges.removeIf(id -> f.edge(id).isEmpty());
        if (nodes.size() != s.nodes().size() || edges.size() != s.edges().size()) {
            selection.set(new Selection(nodes, edges));
        }
        modified.set(history.isModified());
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
        undoText.set(history.undoDescription().map(d -> "Undo " + d).orElse("Undo"));
        redoText.set(history.redoDescription().map(d -> "Redo " + d).orElse("Redo"));
    }
}
