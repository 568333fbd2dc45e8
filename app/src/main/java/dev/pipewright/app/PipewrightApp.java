// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.shell.MainWindow;
import javafx.application.Application;
import javafx.stage.Stage;

/** The Pipewright designer application. Start it through {@link Main}. */
public final class PipewrightApp extends Application {
    @Override
    public void start(Stage stage) {
        StartupOptions options = StartupOptions.parse(getParameters().getRaw());
        MainWindow window = new MainWindow(stage, AppHome.fromSystem());
        window.show(() -> openInitial(window, options));
    }

    /** Opens the file or sample named on the command line, else the default sample. */
    static void openInitial(MainWindow window, StartupOptions options) {
        if (options.file() != null) {
            window.documents().open(options.file());
            return;
        }
        String id = options.sampleId() != null ? options.sampleId() : Samples.DEFAULT_ID;
        Samples.find(id).ifPresentOrElse(
                s -> window.documents().openUntitled(s.flow().get(), s.title()),
                () -> {
                    if (options.sampleId() != null) {
                        window.dialogs().showError("No sample '" + id + "'",
                                "There is no sample with the id '" + id + "'. Open one from File ▸ Open Sample.");
                    }
                });
    }
}
