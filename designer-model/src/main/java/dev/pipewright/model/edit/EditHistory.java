// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.edit;

import dev.pipewright.model.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The current flow and an unlimited undo history of edits. An edit that changes nothing is not
 * recorded, so there are no empty undo steps. The flow counts as modified when the position in the
 * history differs from the one at the last save. Not thread-safe: the app uses it from one thread.
 */
public final class EditHistory {
    private record Step(Edit edit, Flow before, Flow after) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<Consumer<Flow>> listeners = new CopyOnWriteArrayList<>();
    private int position;
    private int savedPosition;
    private boolean savedPositionReachable = true;
    private Flow current;

    public EditHistory(Flow initial) {
        this.current = Objects.requireNonNull(initial, "initial");
    }

    public Flow current() {
        return current;
    }

    /**
     * Applies the edit and records it.
     *
     * @return true when the flow changed
     */
    public boolean execute(Edit edit) {
        Flow after = edit.apply(current);
        if (after.equals(current)) {
            return false;
        }
        if (savedPosition > position) {
            savedPositionReachable = false;
        }
        steps.subList(position, steps.size()).clear();
        steps.add(new Step(edit, current, after));
        position++;
        setCurrent(after);
        return true;
    }

    public boolean canUndo() {
        return position > 0;
    }

    public boolean canRedo() {
        return position < steps.size();
    }

    /** The description of the edit Undo would revert. */
    public Optional<String> undoDescription() {
        return canUndo() ? Optional.of(steps.get(position - 1).edit().description()) : Optional.empty();
    }

    /** The description of the edit Redo would repeat. */
    public Optional<String> redoDescription() {
        return canRedo() ? Optional.of(steps.get(position).edit().description()) : Optional.empty();
    }

    public void undo() {
        if (canUndo()) {
            position--;
            setCurrent(steps.get(position).before());
        }
    }

    public void redo() {
        if (canRedo()) {
            // Move first, so listeners see the new position (canRedo, redoDescription) with the new flow.
            Flow after = steps.get(position).after();
            position++;
            setCurrent(after);
        }
    }

    /** Replaces the flow and forgets the history, e.g. after opening a file. */
    public void reset(Flow flow) {
        steps.clear();
        position = 0;
        savedPosition = 0;
        savedPositionReachable = true;
        setCurrent(Objects.requireNonNull(flow, "flow"));
    }

    /** Records that the current flow was saved. */
    public void markSaved() {
        savedPosition = position;
        savedPositionReachable = true;
        fire();
    }

    /** True when the flow differs from what was last saved (or opened). */
    public boolean isModified() {
        return !savedPositionReachable || position != savedPosition;
    }

    /** Called with the new flow after every execute, undo, redo, reset and save. */
    public void addListener(Consumer<Flow> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Flow> listener) {
        listeners.remove(listener);
    }

    private void setCurrent(Flow flow) {
        current = flow;
        fire();
    }

    private void fire() {
        for (Consumer<Flow> l : listeners) {
            l.accept(current);
        }
    }
}
