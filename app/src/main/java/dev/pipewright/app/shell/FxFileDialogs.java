// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import dev.pipewright.app.files.FileDialogs;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The platform's file choosers, owned by the main window. */
final class FxFileDialogs implements FileDialogs {
    private final Window owner;

    FxFileDialogs(Window owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    @Override
    public Optional<Path> chooseFlowToOpen(Path startFolder) {
        FileChooser chooser = chooser("Open Flow", startFolder);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Pipewright flows (*.flow.json)", "*.flow.json"),
                new FileChooser.ExtensionFilter("JSON files (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFlowToSave(Path startFolder, String suggestedName) {
        FileChooser chooser = chooser("Save Flow", startFolder);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Pipewright flows (*.flow.json)", "*.flow.json"));
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseExport(Path startFolder, String suggestedName, String extension, String description) {
        FileChooser chooser = chooser("Export " + description, startFolder);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description + " (*." + extension + ")", "*." + extension));
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseConfigToImport(Path startFolder, String extension, String description) {
        FileChooser chooser = chooser("Import " + description, startFolder);
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(description + " (*." + extension + ")", "*." + extension),
                new FileChooser.ExtensionFilter("All files", "*"));
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
    }

    private static FileChooser chooser(String title, Path startFolder) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (startFolder != null && Files.isDirectory(startFolder)) {
            chooser.setInitialDirectory(startFolder.toFile());
        }
        return chooser;
    }
}
