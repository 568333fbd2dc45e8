// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import static javafx.scene.input.KeyCombination.SHIFT_DOWN;
import static javafx.scene.input.KeyCombination.SHORTCUT_DOWN;

import dev.pipewright.app.canvas.FlowCanvas;
import dev.pipewright.app.editor.EditorState;
import dev.pipewright.app.export.DiagramExport;
import dev.pipewright.app.files.ConfigTransfer;
import dev.pipewright.app.files.Dialogs;
import dev.pipewright.app.files.DocumentService;
import dev.pipewright.model.config.Format;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Every command of the main window, each defined once with its shortcut. Edit commands act on the
 * text field being typed in when there is one, and on the canvas otherwise, so Ctrl+Z in a property
 * field undoes typing, not the last edit of the flow.
 */
final class AppActions {
    final AppAction newFlow;
    final AppAction open;
    final AppAction save;
    final AppAction saveAs;
    final AppAction exportPng;
    final AppAction exportSvg;
    final AppAction exportMermaid;
    final AppAction exportRabbit;
    final AppAction exportArtemis;
    final AppAction exportAsyncApi;
    final AppAction exportSqs;
    final AppAction exportPubSub;
    final AppAction exportKafka;
    final AppAction importRabbit;
    final AppAction importArtemis;
    final AppAction importBroker;
    final AppAction quit;
    final AppAction undo;
    final AppAction redo;
    final AppAction cut;
    final AppAction copy;
    final AppAction paste;
    final AppAction duplicate;
    final AppAction delete;
    final AppAction selectAll;
    final AppAction rename;
    final AppAction zoomIn;
    final AppAction zoomOut;
    final AppAction actualSize;
    final AppAction fit;
    final AppAction snap;
    final AppAction layout;
    final AppAction darkTheme;
    final AppAction showPalette;
    final AppAction showProperties;
    final AppAction showProblems;
    final AppAction shortcuts;
    final AppAction about;

    private final MainWindow window;

    AppActions(MainWindow window) {
        this.window = Objects.requireNonNull(window, "window");
        DocumentService docs = window.documents();
        EditorState state = window.state();
        FlowCanvas canvas = window.canvas();

        newFlow = new AppAction("new", "File", "New", key(KeyCode.N), "mdi2f-file-plus-outline", docs::newFlow);
        open = new AppAction("open", "File", "Open…", key(KeyCode.O), "mdi2f-folder-open-outline", docs::open);
        save = new AppAction("save", "File", "Save", key(KeyCode.S), "mdi2c-content-save-outline", docs::save);
        saveAs = new AppAction("save-as", "File", "Save As…", shiftKey(KeyCode.S), null, docs::saveAs);
        exportPng = new AppAction("export-png", "File", "Export Diagram as PNG…", key(KeyCode.E),
                "mdi2f-file-image-outline", () -> export("png"));
        exportSvg = new AppAction("export-svg", "File", "Export Diagram as SVG…", shiftKey(KeyCode.E),
                "mdi2s-svg", () -> export("svg"));
        exportMermaid = new AppAction("export-mermaid", "File", "Export Diagram as Mermaid…", null,
                null, () -> export("mmd"));
        ConfigTransfer transfer = window.configTransfer();
        exportRabbit = new AppAction("export-rabbitmq", "File", "Export RabbitMQ Definitions…", null,
                null, () -> transfer.export(Format.RABBITMQ));
        exportArtemis = new AppAction("export-artemis", "File", "Export Artemis broker.xml…", null,
                null, () -> transfer.export(Format.ARTEMIS));
        exportAsyncApi = new AppAction("export-asyncapi", "File", "Export AsyncAPI 3.0…", null,
                null, () -> transfer.export(Format.ASYNCAPI));
        exportSqs = new AppAction("export-sqs", "File", "Export Amazon SQS Queues…", null,
                null, () -> transfer.export(Format.SQS));
        exportPubSub = new AppAction("export-pubsub", "File", "Export Google Pub/Sub Script…", null,
                null, () -> transfer.export(Format.PUBSUB));
        exportKafka = new AppAction("export-kafka", "File", "Export Apache Kafka Topics…", null,
                null, () -> transfer.export(Format.KAFKA));
        importRabbit = new AppAction("import-rabbitmq", "File", "Import RabbitMQ Definitions…", key(KeyCode.I),
                "mdi2i-import", () -> transfer.importFile(Format.RABBITMQ));
        importArtemis = new AppAction("import-artemis", "File", "Import Artemis broker.xml…", null,
                null, () -> transfer.importFile(Format.ARTEMIS));
        importBroker = new AppAction("import-broker", "File", "Import from a Running RabbitMQ…", null,
                null, transfer::importFromBroker);
        quit = new AppAction("quit", "File", "Quit", key(KeyCode.Q), null, window::quit);

        undo = new AppAction("undo", "Edit", "Undo", key(KeyCode.Z), "mdi2u-undo", () -> {
            if (!text().map(t -> {
                t.undo();
                return true;
            }).orElse(false)) {
                state.undo();
            }
        });
        undo.textProperty().bind(state.undoTextProperty());
        redo = new AppAction("redo", "Edit", "Redo", shiftKey(KeyCode.Z), "mdi2r-redo", () -> {
            if (!text().map(t -> {
                t.redo();
                return true;
            }).orElse(false)) {
                state.redo();
            }
        });
        redo.textProperty().bind(state.redoTextProperty());
        cut = new AppAction("cut", "Edit", "Cut", key(KeyCode.X), "mdi2c-content-cut",
                () -> text().ifPresentOrElse(TextInputControl::cut, canvas::cut));
        copy = new AppAction("copy", "Edit", "Copy", key(KeyCode.C), "mdi2c-content-copy",
                () -> text().ifPresentOrElse(TextInputControl::copy, canvas::copy));
        paste = new AppAction("paste", "Edit", "Paste", key(KeyCode.V), "mdi2c-content-paste",
                () -> text().ifPresentOrElse(TextInputControl::paste, canvas::paste));
        duplicate = new AppAction("duplicate", "Edit", "Duplicate", key(KeyCode.D), "mdi2c-content-duplicate",
                canvas::duplicate);
        delete = new AppAction("delete", "Edit", "Delete", new KeyCodeCombination(KeyCode.DELETE),
                "mdi2d-delete-outline", () -> text().ifPresentOrElse(TextInputControl::deleteNextChar, canvas::deleteSelection));
        selectAll = new AppAction("select-all", "Edit", "Select All", key(KeyCode.A), "mdi2s-select-all",
                () -> text().ifPresentOrElse(TextInputControl::selectAll, canvas::selectAll));
        rename = new AppAction("rename", "Edit", "Rename", new KeyCodeCombination(KeyCode.F2), "mdi2p-pencil-outline",
                window::renameSelected);

        zoomIn = new AppAction("zoom-in", "View", "Zoom In", key(KeyCode.EQUALS), "mdi2m-magnify-plus-outline", canvas::zoomIn);
        zoomOut = new AppAction("zoom-out", "View", "Zoom Out", key(KeyCode.MINUS), "mdi2m-magnify-minus-outline", canvas::zoomOut);
        actualSize = new AppAction("actual-size", "View", "Actual Size", key(KeyCode.DIGIT0), "mdi2m-magnify-scan", canvas::resetZoom);
        fit = new AppAction("fit", "View", "Fit to Window", shiftKey(KeyCode.F), "mdi2f-fit-to-screen-outline", canvas::fitToWindow);
        snap = new AppAction("snap", "View", "Snap to Grid", null, "mdi2g-grid", () -> state.snapToGridProperty().set(
                !state.snapToGridProperty().get())).toggles(state.snapToGridProperty());
        layout = new AppAction("layout", "View", "Auto Layout", shiftKey(KeyCode.L), "mdi2s-sitemap-outline", canvas::layoutAll);
        darkTheme = new AppAction("dark", "View", "Dark Theme", null, "mdi2w-weather-night",
                () -> window.theme().darkProperty().set(!window.theme().darkProperty().get()))
                .toggles(window.theme().darkProperty());
        showPalette = new AppAction("show-palette", "View", "Show Palette", null, null, () -> { })
                .toggles(window.paletteShownProperty());
        showProperties = new AppAction("show-properties", "View", "Show Properties", null, null, () -> { })
                .toggles(window.propertiesShownProperty());
        showProblems = new AppAction("show-problems", "View", "Show Problems", null, null, () -> { })
                .toggles(window.problemsShownProperty());

        shortcuts = new AppAction("shortcuts", "Help", "Keyboard Shortcuts", key(KeyCode.SLASH), "mdi2k-keyboard-outline",
                window::showShortcuts);
        about = new AppAction("about", "Help", "About Pipewright", null, "mdi2i-information-outline", window::showAbout);

        undo.disabledWhen(Bindings.not(state.canUndoProperty()).and(Bindings.createBooleanBinding(
                () -> text().isEmpty(), window.focusOwnerProperty())));
        redo.disabledWhen(Bindings.not(state.canRedoProperty()).and(Bindings.createBooleanBinding(
                () -> text().isEmpty(), window.focusOwnerProperty())));
    }

    /** Every action, in menu order. */
    List<AppAction> all() {
        return List.of(newFlow, open, save, saveAs, importRabbit, importArtemis, importBroker,
                exportRabbit, exportArtemis, exportSqs, exportPubSub, exportKafka, exportAsyncApi, exportPng, exportSvg, exportMermaid, quit,
                undo, redo, cut, copy, paste, duplicate, delete, selectAll, rename,
                zoomIn, zoomOut, actualSize, fit, snap, layout, darkTheme, showPalette, showProperties, showProblems,
                shortcuts, about);
    }

    /** Second shortcuts for the same commands, as people type them on different keyboards. */
    Map<KeyCombination, AppAction> extraShortcuts() {
        return Map.of(
                key(KeyCode.Y), redo,
                key(KeyCode.PLUS), zoomIn,
                key(KeyCode.ADD), zoomIn,
                new KeyCodeCombination(KeyCode.EQUALS, SHORTCUT_DOWN, SHIFT_DOWN), zoomIn,
                key(KeyCode.SUBTRACT), zoomOut,
                new KeyCodeCombination(KeyCode.F1), shortcuts);
    }

    private Optional<TextInputControl> text() {
        return window.focusOwnerProperty().get() instanceof TextInputControl t && t.isEditable()
                ? Optional.of(t) : Optional.empty();
    }

    private void export(String extension) {
        DocumentService docs = window.documents();
        String description = switch (extension) {
            case "png" -> "PNG image";
            case "svg" -> "SVG drawing";
            default -> "Mermaid diagram";
        };
        Path start = docs.path() != null ? docs.path().getParent() : Path.of(System.getProperty("user.home"));
        Optional<Path> target = window.fileDialogs().chooseExportFile(start,
                DiagramExport.fileName(docs.documentName(), extension), extension, description);
        if (target.isEmpty()) {
            return;
        }
        Path file = target.get();
        try {
            switch (extension) {
                case "png" -> DiagramExport.writePng(window.canvas().renderImage(2.0), file);
                case "svg" -> DiagramExport.writeSvg(window.state().flow(), file);
                default -> DiagramExport.writeMermaid(window.state().flow(), file);
            }
            window.tell("Exported " + file.getFileName());
        } catch (IOException | RuntimeException e) {
            Dialogs dialogs = window.dialogs();
            dialogs.showError("Could not export the diagram", "Could not write " + file + ": " + e.getMessage()
                    + ". Check that the folder exists and can be written to, or choose another place.");
        }
    }

    static KeyCombination key(KeyCode code) {
        return new KeyCodeCombination(code, SHORTCUT_DOWN);
    }

    static KeyCombination shiftKey(KeyCode code) {
        return new KeyCodeCombination(code, SHORTCUT_DOWN, SHIFT_DOWN);
    }
}
