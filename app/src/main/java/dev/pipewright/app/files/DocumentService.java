// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

import dev.pipewright.app.editor.EditorState;
import dev.pipewright.model.Flow;
import dev.pipewright.model.edit.Edits;
import dev.pipewright.model.io.FlowFileException;
import dev.pipewright.model.io.FlowFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The open document: new, open, save, save as, recent files, the window title, the prompt before
 * unsaved work is thrown away, and autosave with recovery after a crash. A view model: it shows
 * dialogs only through {@link Dialogs} and {@link FileDialogs}, so it is tested with plain JUnit.
 */
public final class DocumentService {
    /** The extension of flow files. */
    public static final String EXTENSION = ".flow.json";
    private static final String APP = "Pipewright";

    private final EditorState state;
    private final Dialogs dialogs;
    private final FileDialogs fileDialogs;
    private final RecentFiles recent;
    private final RecoveryStore recovery;
    private final ReadOnlyObjectWrapper<Path> path = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private String untitledName = "Untitled";
    private Flow lastAutosaved;

    public DocumentService(EditorState state, Dialogs dialogs, FileDialogs fileDialogs, AppHome home) {
        this.state = Objects.requireNonNull(state, "state");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.fileDialogs = Objects.requireNonNull(fileDialogs, "fileDialogs");
        this.recent = new RecentFiles(home);
        this.recovery = new RecoveryStore(home);
        state.modifiedProperty().addListener((obs, was, modified) -> updateTitle());
        path.addListener((obs, old, p) -> updateTitle());
        updateTitle();
    }

    public Path path() {
        return path.get();
    }

    /** "orders.flow.json — Pipewright", with "• " in front while there are unsaved changes. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The last thing done, for the status bar ("Saved orders.flow.json"). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public RecentFiles recentFiles() {
        return recent;
    }

    public RecoveryStore recoveryStore() {
        return recovery;
    }

    /** The file name, or the name of an unsaved document. */
    public String documentName() {
        Path p = path.get();
        return p == null ? untitledName : p.getFileName().toString();
    }

    /** Starts an empty flow, after asking about unsaved changes. */
    public boolean newFlow() {
        if (!confirmDiscard()) {
            return false;
        }
        show(null, Flow.EMPTY, "Untitled");
        status.set("New flow");
        return true;
    }

    /** Asks for a file and opens it. */
    public boolean open() {
        if (!confirmDiscard()) {
            return false;
        }
        Optional<Path> chosen = fileDialogs.chooseFlowToOpen(startFolder());
        return chosen.isPresent() && load(chosen.get());
    }

    /** Opens {@code file} (from recent files, a drop or the command line), after asking about unsaved changes. */
    public boolean open(Path file) {
        Objects.requireNonNull(file, "file");
        return confirmDiscard() && load(file);
    }

    /**
     * Shows a flow that has no file yet, e.g. a sample; saving it asks where.
     *
     * @param name what the title shows until it is saved
     */
    public boolean openUntitled(Flow flow, String name) {
        Objects.requireNonNull(flow, "flow");
        if (!confirmDiscard()) {
            return false;
        }
        show(null, flow, name);
        status.set("Opened " + name);
        return true;
    }

    /** Saves to the document's file, or asks where when it has none. */
    public boolean save() {
        Path p = path.get();
        return p == null ? saveAs() : writeTo(p);
    }

    /** Asks where to save and saves there. */
    public boolean saveAs() {
        String suggested = path.get() != null ? path.get().getFileName().toString() : fileNameFor(state.flow().info().name());
        Optional<Path> chosen = fileDialogs.chooseFlowToSave(startFolder(), suggested);
        if (chosen.isEmpty()) {
            return false;
        }
        Path target = chosen.get();
        String name = target.getFileName().toString();
        if (!name.endsWith(EXTENSION)) {
            target = target.resolveSibling(name.endsWith(".json") ? name.substring(0, name.length() - 5) + EXTENSION
                    : name + EXTENSION);
        }
        String oldKey = recoveryKey();
        if (!writeTo(target)) {
            return false;
        }
        recovery.remove(oldKey);
        return true;
    }

    /**
     * Called before the window closes: asks about unsaved changes.
     *
     * @return true when the app may close
     */
    public boolean canClose() {
        return confirmDiscard();
    }

    /**
     * Writes a recovery copy when there are unsaved changes not yet autosaved; removes the copy
     * when the flow is back to its saved state. The shell calls this every few seconds.
     */
    public void autosave() {
        Flow flow = state.flow();
        if (!state.modifiedProperty().get()) {
            if (lastAutosaved != null) {
                recovery.remove(recoveryKey());
                lastAutosaved = null;
            }
            return;
        }
        if (flow.equals(lastAutosaved)) {
            return;
        }
        try {
            recovery.write(recoveryKey(), path.get(), flow);
            lastAutosaved = flow;
        } catch (IOException | RuntimeException e) {
            // Autosave runs on a timer: it must never take the app down, and the work stays in memory.
            status.set("Autosave failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + ". Your changes are still open; save them with Save As.");
        }
    }

    /**
     * At start: if work was left unsaved when the app last stopped, offers to restore it. A
     * restored flow counts as unsaved, and Undo takes it back to the file as it was saved.
     *
     * @return true when a flow was restored
     */
    public boolean offerRecovery() {
        Optional<RecoveryStore.Entry> found = recovery.newest();
        if (found.isEmpty()) {
            return false;
        }
        RecoveryStore.Entry entry = found.get();
        Flow recovered;
        try {
            recovered = FlowFiles.read(entry.file());
        } catch (FlowFileException e) {
            dialogs.showError("Could not restore unsaved work", e.getMessage()
                    + ". The recovery copy is left in " + entry.file().getParent() + ".");
            return false;
        }
        String what = entry.origin() == null ? "the untitled flow '" + recovered.info().name() + "'"
                : "'" + entry.origin().getFileName() + "'";
        String when = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss")
                .format(entry.savedAt().toInstant().atZone(ZoneId.systemDefault()));
        boolean restore = dialogs.offerRecovery("Pipewright found unsaved changes to " + what
                + ", autosaved on " + when + ". Restore them, or discard them?");
        if (!restore) {
            recovery.remove(entry.key());
            return false;
        }
        Flow base = Flow.EMPTY;
        Path origin = entry.origin();
        if (origin != null && Files.isRegularFile(origin)) {
            try {
                base = FlowFiles.read(origin);
            } catch (FlowFileException e) {
                base = Flow.EMPTY;
            }
        }
        show(origin, base, recovered.info().name());
        state.execute(Edits.replaceAll("Restore unsaved changes", recovered));
        if (!entry.key().equals(recoveryKey())) {
            recovery.remove(entry.key());
        }
        autosave();
        status.set("Restored unsaved changes");
        return true;
    }

    private boolean load(Path file) {
        Flow flow;
        try {
            flow = FlowFiles.read(file);
        } catch (FlowFileException e) {
            if (!Files.exists(file)) {
                recent.remove(file);
            }
            dialogs.showError("Could not open " + file.getFileName(), e.getMessage());
            return false;
        }
        show(file.toAbsolutePath().normalize(), flow, "Untitled");
        recent.add(file);
        status.set("Opened " + file.getFileName());
        return true;
    }

    private boolean writeTo(Path target) {
        try {
            FlowFiles.write(target, state.flow());
        } catch (IOException | RuntimeException e) {
            dialogs.showError("Could not save " + target.getFileName(), "Could not save " + target + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + ". Check that the folder exists and can be written to, or choose another place with Save As.");
            return false;
        }
        String oldKey = recoveryKey();
        path.set(target.toAbsolutePath().normalize());
        state.markSaved();
        recovery.remove(oldKey);
        recovery.remove(recoveryKey());
        lastAutosaved = null;
        recent.add(target);
        updateTitle();
        status.set("Saved " + target.getFileName());
        return true;
    }

    /** Asks about unsaved changes; true when the current document may be replaced. */
    private boolean confirmDiscard() {
        if (state.modifiedProperty().get()) {
            switch (dialogs.askSaveChanges(documentName())) {
                case SAVE -> {
                    if (!save()) {
                        return false;
                    }
                }
                case DONT_SAVE -> {
                }
                case CANCEL -> {
                    return false;
                }
            }
        }
        recovery.remove(recoveryKey());
        lastAutosaved = null;
        return true;
    }

    private void show(Path file, Flow flow, String name) {
        untitledName = name;
        path.set(file);
        state.reset(flow);
        lastAutosaved = null;
        updateTitle();
    }

    private String recoveryKey() {
        return RecoveryStore.keyFor(path.get());
    }

    private Path startFolder() {
        Path p = path.get();
        if (p != null && p.getParent() != null) {
            return p.getParent();
        }
        if (!recent.files().isEmpty() && recent.files().getFirst().getParent() != null) {
            return recent.files().getFirst().getParent();
        }
        return Path.of(System.getProperty("user.home"));
    }

    /** "Order intake" becomes "order-intake.flow.json". */
    static String fileNameFor(String flowName) {
        String base = flowName == null ? "" : flowName.strip().toLowerCase().replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return (base.isEmpty() ? "untitled" : base) + EXTENSION;
    }

    private void updateTitle() {
        title.set((state.modifiedProperty().get() ? "• " : "") + documentName() + " — " + APP);
    }
}
