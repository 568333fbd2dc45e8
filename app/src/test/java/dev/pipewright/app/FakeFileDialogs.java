// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import dev.pipewright.app.files.FileDialogs;
import java.nio.file.Path;
import java.util.Optional;

/** Picks the files a test sets; empty answers act as Cancel. */
public final class FakeFileDialogs implements FileDialogs {
    public Path toOpen;
    public Path toSave;
    public Path toExport;
    public Path toImport;

    @Override
    public Optional<Path> chooseFlowToOpen(Path startFolder) {
        return Optional.ofNullable(toOpen);
    }

    @Override
    public Optional<Path> chooseFlowToSave(Path startFolder, String suggestedName) {
        return Optional.ofNullable(toSave);
    }

    @Override
    public Optional<Path> chooseExport(Path startFolder, String suggestedName, String extension, String description) {
        return Optional.ofNullable(toExport);
    }

    @Override
    public Optional<Path> chooseConfigToImport(Path startFolder, String extension, String description) {
        return Optional.ofNullable(toImport);
    }
}
