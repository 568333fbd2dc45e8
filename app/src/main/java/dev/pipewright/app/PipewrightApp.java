// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.Samples;
import dev.pipewright.app.shell.MainWindow;
import javafx.application.Application;
import javafx.stage.Stage;

/** The Pipewright designer application. Start it through {@link Main}. */
public final class PipewrightApp extends Application {
    @Override
    public void start(Stage stage) {
        StartupOptions options = StartupOptions.parse(getParameters().getRaw());
        MainWindow window = new MainWindow(stage, AppHome.fromSystem());
        window.show(() -> {
            if (openInitial(window, options)) {
                // A newcomer should see messages flowing at once, not a still picture.
                window.live().run().play();
            }
            if (options.file() == null) {
                window.offerWelcome();
            }
        });
    }

    /**
     * Opens the file or sample named on the command line, else the default sample.
     *
     * @return true when a sample was opened
     */
    static boolean openInitial(MainWindow window, StartupOptions options) {
        if (options.file() != null) {
            window.documents().open(options.file());
            return false;
        }
        String id = options.sampleId() != null ? options.sampleId() : Samples.DEFAULT_ID;
        var sample = Samples.find(id);
        if (sample.isEmpty()) {
            if (options.sampleId() != null) {
                window.dialogs().showError("No sample '" + id + "'",
                        "There is no sample with the id '" + id + "'. Open one from File ▸ Open Sample.");
            }
            return false;
        }
        return window.openSample(sample.get());
    }
}
