// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.model.Flow;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EditHistoryTest {
    private final Flow start = Flow.EMPTY.withNode(Queue.of("q1", "orders", Position.ORIGIN));

    @Test
    void undoAndRedoRestoreTheFlowExactly() {
        EditHistory history = new EditHistory(start);
        history.execute(Edits.rename("q1", "payments"));
        Flow renamed = history.current();

        history.undo();
        assertThat(history.current()).isEqualTo(start);
        history.redo();
        assertThat(history.current()).isEqualTo(renamed);
        assertThat(renamed.node("q1").orElseThrow().name()).isEqualTo("payments");
    }

    @Test
    void aPropertyEditIsDescribedByTheLabelPeopleSee() {
        Edit edit = Edits.setProperty("q1", "maxLength", "Max length", 5);
        assertThat(edit.description()).isEqualTo("Change max length");
        assertThat(((Queue) edit.apply(start).node("q1").orElseThrow()).maxLength()).isEqualTo(5);
        assertThat(Edits.setProperty("q1", "messageTtl", "Message TTL", null).description())
                .isEqualTo("Change message TTL");
        assertThat(Edits.setProperty("q1", "messageTtl", "TTL", null).description()).isEqualTo("Change TTL");
    }

    @Test
    void undoAndRedoDescribeTheEdit() {
        EditHistory history = new EditHistory(start);
        history.execute(Edits.move(Map.of("q1", new Position(10, 20))));

        assertThat(history.undoDescription()).contains("Move 1 node");
        history.undo();
        assertThat(history.redoDescription()).contains("Move 1 node");
        assertThat(history.undoDescription()).isEmpty();
    }

    @Test
    void anEditThatChangesNothingIsNotRecorded() {
        EditHistory history = new EditHistory(start);

        boolean changed = history.execute(Edits.rename("q1", "orders"));

        assertThat(changed).isFalse();
        assertThat(history.canUndo()).isFalse();
        assertThat(history.isModified()).isFalse();
    }

    @Test
    void aNewEditAfterUndoDropsTheRedoSteps() {
        EditHistory history = new EditHistory(start);
        history.execute(Edits.rename("q1", "a"));
        history.undo();

        history.execute(Edits.rename("q1", "b"));

        assertThat(history.canRedo()).isFalse();
        assertThat(history.current().node("q1").orElseThrow().name()).isEqualTo("b");
    }

    @Test
    void theFlowIsModifiedUntilSavedAndAgainAfterUndoingPastTheSave() {
        EditHistory history = new EditHistory(start);
        assertThat(history.isModified()).isFalse();

        history.execute(Edits.rename("q1", "a"));
        assertThat(history.isModified()).isTrue();

        history.markSaved();
        assertThat(history.isModified()).isFalse();

        history.undo();
        assertThat(history.isModified()).isTrue();
        history.redo();
        assertThat(history.isModified()).isFalse();
    }

    @Test
    void aSavedStateThatWasDiscardedStaysModified() {
        EditHistory history = new EditHistory(start);
        history.execute(Edits.rename("q1", "a"));
        history.markSaved();
        history.undo();

        history.execute(Edits.rename("q1", "b"));
        history.undo();

        assertThat(history.current()).isEqualTo(start);
        assertThat(history.isModified()).isTrue();
    }

    @Test
    void resetForgetsTheHistoryAndIsNotModified() {
        EditHistory history = new EditHistory(start);
        history.execute(Edits.rename("q1", "a"));

        history.reset(Flow.EMPTY);

        assertThat(history.canUndo()).isFalse();
        assertThat(history.isModified()).isFalse();
        assertThat(history.current()).isEqualTo(Flow.EMPTY);
    }

    @Test
    void listenersSeeEveryChange() {
        EditHistory history = new EditHistory(start);
        List<Flow> seen = new ArrayList<>();
        history.addListener(seen::add);

        history.execute(Edits.rename("q1", "a"));
        history.undo();
        history.redo();

        assertThat(seen).hasSize(3);
        assertThat(seen.get(1)).isEqualTo(start);
    }

    @Test
    void listenersOfARedoSeeTheHistoryAfterIt() {
        EditHistory history = new EditHistory(start);
        history.execute(Edits.rename("q1", "a"));
        history.undo();
        List<Boolean> canRedoSeen = new ArrayList<>();
        history.addListener(f -> canRedoSeen.add(history.canRedo()));

        history.redo();

        assertThat(canRedoSeen).containsExactly(false);
        assertThat(history.undoDescription()).contains("Rename to 'a'");
    }
}
