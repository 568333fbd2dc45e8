// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.FakeFileDialogs;
import dev.pipewright.app.editor.EditorState;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Position;
import dev.pipewright.model.edit.Edits;
import dev.pipewright.model.io.FlowFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The document logic without a screen: dialogs and file choosers are fakes. */
class DocumentServiceTest {
    @TempDir
    Path dir;
    private AppHome home;
    private EditorState state;
    private FakeDialogs dialogs;
    private FakeFileDialogs files;
    private DocumentService docs;

    @BeforeEach
    void setUp() {
        home = new AppHome(dir.resolve("home"));
        state = new EditorState(Flow.EMPTY);
        dialogs = new FakeDialogs();
        files = new FakeFileDialogs();
        docs = new DocumentService(state, dialogs, files, home);
    }

    private void addQueue(String id) {
        state.execute(Edits.addNode(Node.create(NodeKind.QUEUE, id, id, new Position(0, 0))));
    }

    @Test
    void titleNamesTheDocumentAndMarksUnsavedChanges() {
        assertThat(docs.titleProperty().get()).isEqualTo("Untitled — Pipewright");

        addQueue("q1");

        assertThat(docs.titleProperty().get()).isEqualTo("• Untitled — Pipewright");
    }

    @Test
    void saveAsWritesTheFileAddsTheExtensionAndClearsTheMark() throws Exception {
        addQueue("q1");
        files.toSave = dir.resolve("orders");

        assertThat(docs.save()).isTrue();

        Path saved = dir.resolve("orders.flow.json");
        assertThat(FlowFiles.read(saved)).isEqualTo(state.flow());
        assertThat(docs.titleProperty().get()).isEqualTo("orders.flow.json — Pipewright");
        assertThat(docs.recentFiles().files()).containsExactly(saved.toAbsolutePath().normalize());
    }

    @Test
    void openingOverUnsavedWorkAsksAndCancelKeepsTheWork() throws Exception {
        Path other = dir.resolve("other.flow.json");
        FlowFiles.write(other, Flow.EMPTY.withInfo(new FlowInfo("Other", "")));
        addQueue("q1");
        dialogs.saveAnswer = Dialogs.SaveChoice.CANCEL;

        assertThat(docs.open(other)).isFalse();

        assertThat(dialogs.saveQuestions).containsExactly("Untitled");
        assertThat(state.flow().nodes()).hasSize(1);
    }

    @Test
    void answeringSaveSavesBeforeOpeningTheNextFile() throws Exception {
        Path other = dir.resolve("other.flow.json");
        FlowFiles.write(other, Flow.EMPTY.withInfo(new FlowInfo("Other", "")));
        addQueue("q1");
        Flow work = state.flow();
        dialogs.saveAnswer = Dialogs.SaveChoice.SAVE;
        files.toSave = dir.resolve("work.flow.json");

        assertThat(docs.open(other)).isTrue();

        assertThat(FlowFiles.read(dir.resolve("work.flow.json"))).isEqualTo(work);
        assertThat(state.flow().info().name()).isEqualTo("Other");
        assertThat(state.modifiedProperty().get()).isFalse();
    }

    @Test
    void aBadFileIsReportedInWordsAndTheDocumentStays() throws Exception {
        Path bad = dir.resolve("bad.flow.json");
        Files.writeString(bad, "{\"format\": \"pipewright-flow\", \"version\": 1, \"nodes\": [");
        addQueue("q1");
        state.markSaved();

        assertThat(docs.open(bad)).isFalse();

        assertThat(dialogs.errors).singleElement().asString().startsWith("Could not open bad.flow.json: ")
                .contains("bad.flow.json");
        assertThat(state.flow().nodes()).hasSize(1);
    }

    @Test
    void autosaveWritesARecoveryCopyAndASaveRemovesIt() throws Exception {
        addQueue("q1");

        docs.autosave();

        Path copy = home.recoveryDir().resolve("untitled.flow.json");
        assertThat(FlowFiles.read(copy)).isEqualTo(state.flow());

        files.toSave = dir.resolve("kept.flow.json");
        docs.save();
        assertThat(copy).doesNotExist();
        assertThat(new RecoveryStore(home).entries()).isEmpty();
    }

    @Test
    void autosaveWritesNothingWhenThereAreNoUnsavedChanges() {
        docs.autosave();

        assertThat(new RecoveryStore(home).entries()).isEmpty();
    }

    @Test
    void aRecoveryCopyIsOfferedAndRestoredAsUnsavedWorkOnTheOriginalFile() throws Exception {
        Path file = dir.resolve("orders.flow.json");
        FlowFiles.write(file, Flow.EMPTY);
        docs.open(file);
        addQueue("q1");
        addQueue("q2");
        Flow unsaved = state.flow();
        docs.autosave();

        // A new start: a fresh editor and service find the copy.
        EditorState fresh = new EditorState(Flow.EMPTY);
        DocumentService next = new DocumentService(fresh, dialogs, files, home);
        assertThat(next.offerRecovery()).isTrue();

        assertThat(dialogs.recoveryOffers).singleElement().asString().contains("'orders.flow.json'");
        assertThat(fresh.flow()).isEqualTo(unsaved);
        assertThat(fresh.modifiedProperty().get()).isTrue();
        assertThat(next.path()).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(next.titleProperty().get()).isEqualTo("• orders.flow.json — Pipewright");
        fresh.undo();
        assertThat(fresh.flow()).isEqualTo(Flow.EMPTY);
    }

    @Test
    void discardingTheRecoveryCopyDeletesIt() {
        addQueue("q1");
        docs.autosave();
        dialogs.restoreAnswer = false;

        EditorState fresh = new EditorState(Flow.EMPTY);
        assertThat(new DocumentService(fresh, dialogs, files, home).offerRecovery()).isFalse();

        assertThat(fresh.flow()).isEqualTo(Flow.EMPTY);
        assertThat(new RecoveryStore(home).entries()).isEmpty();
    }

    @Test
    void recentFilesSurviveARestartNewestFirst() throws Exception {
        Path a = dir.resolve("a.flow.json");
        Path b = dir.resolve("b.flow.json");
        FlowFiles.write(a, Flow.EMPTY);
        FlowFiles.write(b, Flow.EMPTY);
        docs.open(a);
        docs.open(b);

        RecentFiles again = new RecentFiles(home);

        assertThat(again.files()).containsExactly(b.toAbsolutePath().normalize(), a.toAbsolutePath().normalize());
    }

    @Test
    void aSampleOpensUntitledUnderItsNameAndSaveAsksWhere() {
        docs.openUntitled(Flow.EMPTY.withInfo(new FlowInfo("Competing consumers", "")), "Competing consumers");

        assertThat(docs.titleProperty().get()).isEqualTo("Competing consumers — Pipewright");
        assertThat(docs.save()).isFalse();
        assertThat(DocumentService.fileNameFor("Competing consumers")).isEqualTo("competing-consumers.flow.json");
    }
}
