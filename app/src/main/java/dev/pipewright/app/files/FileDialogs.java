// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.files;

import java.nio.file.Path;
import java.util.Optional;

/** Choosing files: real file choosers in the app, a fake in tests. Empty means the person cancelled. */
public interface FileDialogs {
    /** Picks a flow file to open. */
    Optional<Path> chooseFlowToOpen(Path startFolder);

    /** Picks where to save a flow, suggesting {@code suggestedName}. */
    Optional<Path> chooseFlowToSave(Path startFolder, String suggestedName);

    /**
     * Picks where to export the diagram.
     *
     * @param extension the file extension without a dot, e.g. {@code png}
     * @param description what the files are, e.g. "PNG image"
     */
    Optional<Path> chooseExport(Path startFolder, String suggestedName, String extension, String description);

    /** As {@link #chooseExport}, with {@code .extension} added to a name typed without it. */
    default Optional<Path> chooseExportFile(Path startFolder, String suggestedName, String extension, String description) {
        return chooseExport(startFolder, suggestedName, extension, description).map(file ->
                file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith("." + extension)
                        ? file : file.resolveSibling(file.getFileName() + "." + extension));
    }

    /**
     * Picks a broker configuration file to import.
     *
     * @param extension the usual extension without a dot, e.g. {@code json}
     * @param description what the files are, e.g. "RabbitMQ definitions"
     */
    Optional<Path> chooseConfigToImport(Path startFolder, String extension, String description);
}
