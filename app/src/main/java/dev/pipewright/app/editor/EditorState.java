// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.editor;

import dev.pipewright.model.Flow;
import dev.pipewright.model.edit.Edit;
import dev.pipewright.model.edit.EditHistory;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The state of one open flow in the editor: the flow with its undo history, and the selection.
 * A view model: it knows no controls, so it is tested without a screen. Every change of the flow
 * goes through {@link #execute(Edit)} and so can be undone.
 *
 * <p>All of it is one immutable {@link Document} published at once; the properties are
 * {@link Slice}s of it, so a listener of the flow that reads the selection or the undo text sees
 * them as they are with the new flow, never as they were.
 */
public final class EditorState {
    /**
     * Everything the editor shows of the document at one moment.
     *
     * @param flow the flow now
     * @param selection what is selected, only ids the flow has
     * @param modified whether the flow differs from the last save
     * @param undoText "Undo Move 3 nodes", or "Undo" when there is nothing to undo
     * @param redoText likewise for redo
     * @param canUndo whether there is an edit to undo
     * @param canRedo whether there is an edit to redo
     * @param opened counts the documents opened in this editor: goes up when another flow replaces
     *     the one edited (open, new, a sample), not on edits
     */
    public record Document(Flow flow, Selection selection, boolean modified, String undoText, String redoText,
                           boolean canUndo, boolean canRedo, int opened) {
        public Document {
            Objects.requireNonNull(flow, "flow");
            Objects.requireNonNull(selection, "selection");
        }

        Document withSelection(Selection s) {
            return new Document(flow, s, modified, undoText, redoText, canUndo, canRedo, opened);
        }
    }

    private final EditHistory history;
    private final ReadOnlyObjectWrapper<Document> document;
    private final ReadOnlyObjectProperty<Flow> flow;
    private final ReadOnlyObjectProperty<Selection> selection;
    private final ReadOnlyBooleanProperty modified;
    private final ReadOnlyStringProperty undoText;
    private final ReadOnlyStringProperty redoText;
    private final ReadOnlyBooleanProperty canUndo;
    private final ReadOnlyBooleanProperty canRedo;
    private final ReadOnlyIntegerProperty opened;
    private final BooleanProperty snapToGrid = new SimpleBooleanProperty(true);
    /** True while a reset tells of its new flow, which comes with nothing selected. */
    private boolean resetting;

    public EditorState(Flow initial) {
        history = new EditHistory(initial);
        document = new ReadOnlyObjectWrapper<>(this, "document", new Document(initial, Selection.EMPTY, false,
                "Undo", "Redo", false, false, 0));
        ReadOnlyObjectProperty<Document> d = document.getReadOnlyProperty();
        flow = Slice.of(d, "flow", Document::flow);
        selection = Slice.of(d, "selection", Document::selection);
        modified = Slice.ofBoolean(d, "modified", Document::modified);
        undoText = Slice.ofString(d, "undoText", Document::undoText);
        redoText = Slice.ofString(d, "redoText", Document::redoText);
        canUndo = Slice.ofBoolean(d, "canUndo", Document::canUndo);
        canRedo = Slice.ofBoolean(d, "canRedo", Document::canRedo);
        opened = Slice.ofInt(d, "opened", Document::opened);
        history.addListener(f -> refresh(document.get().selection()));
    }

    /** The whole state as one value: its parts always belong together. */
    public ReadOnlyObjectProperty<Document> documentProperty() {
        return document.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Flow> flowProperty() {
        return flow;
    }

    public Flow flow() {
        return document.get().flow();
    }

    public ReadOnlyObjectProperty<Selection> selectionProperty() {
        return selection;
    }

    public Selection selection() {
        return document.get().selection();
    }

    public void select(Selection newSelection) {
        document.set(document.get().withSelection(Objects.requireNonNull(newSelection, "newSelection")));
    }

    public void clearSelection() {
        select(Selection.EMPTY);
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
        resetting = true;
        try {
            history.reset(newFlow);
        } finally {
            resetting = false;
        }
    }

    public void markSaved() {
        history.markSaved();
    }

    public ReadOnlyBooleanProperty modifiedProperty() {
        return modified;
    }

    /** "Undo Move 3 nodes", for the Edit menu. */
    public ReadOnlyStringProperty undoTextProperty() {
        return undoText;
    }

    public ReadOnlyStringProperty redoTextProperty() {
        return redoText;
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo;
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo;
    }

    /** Goes up each time another flow replaces the one edited (open, new, a sample), not on edits. */
    public ReadOnlyIntegerProperty openedProperty() {
        return opened;
    }

    public BooleanProperty snapToGridProperty() {
        return snapToGrid;
    }

    /** Publishes the history's flow with {@code wanted} cut to the ids it has, in one change. */
    private void refresh(Selection wanted) {
        Flow f = history.current();
        Selection s = resetting ? Selection.EMPTY : wanted;
        Set<String> nodes = new HashSet<>(s.nodes());
        nodes.removeIf(id -> f.node(id).isEmpty());
        Set<String> edges = new HashSet<>(s.edges());
        edges.removeIf(id -> f.edge(id).isEmpty());
        Selection kept = nodes.size() == s.nodes().size() && edges.size() == s.edges().size() ? s
                : new Selection(nodes, edges);
        document.set(new Document(f, kept, history.isModified(),
                history.undoDescription().map(d -> "Undo " + d).orElse("Undo"),
                history.redoDescription().map(d -> "Redo " + d).orElse("Redo"),
                history.canUndo(), history.canRedo(), document.get().opened() + (resetting ? 1 : 0)));
    }
}
