// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static dev.pipewright.app.FxTools.onFx;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.FakeFileDialogs;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.Samples;
import dev.pipewright.app.shell.MainWindow;
import java.nio.file.Path;
import javafx.stage.Stage;

/** For the screenshot tools: a 1500×900 main window with a sample open, with fake dialogs. */
final class SampleWindow {
    private SampleWindow() {
    }

    /** Opens sample {@code sampleId} in a new window whose home folder is {@code home}; call off the FX thread. */
    static MainWindow open(String sampleId, Path home) throws Exception {
        Samples.Entry sample = Samples.find(sampleId)
                .orElseThrow(() -> new IllegalArgumentException("no sample called " + sampleId));
        MainWindow[] window = new MainWindow[1];
        onFx(() -> {
            Stage stage = new Stage();
            stage.setWidth(1500);
            stage.setHeight(900);
            window[0] = new MainWindow(stage, new AppHome(home), new FakeDialogs(), new FakeFileDialogs());
            window[0].show(() -> window[0].documents().openUntitled(sample.flow().get(), sample.title()));
        });
        return window[0];
    }
}
