// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import static dev.pipewright.app.FxTools.onFx;

import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.Samples;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Renders the main window with a realistic sample in the light and dark themes, headless, to
 * {@code docs/screenshots/main-light.png} and {@code main-dark.png}. Run from the repository root:
 * {@code java -cp <test class path> dev.pipewright.app.Screenshots [sample-id] [output-folder]}.
 */
public final class Screenshots {
    private Screenshots() {
    }

    public static void main(String[] args) throws Exception {
        String sampleId = args.length > 0 ? args[0] : "dead-letter-queue";
        Path out = Path.of(args.length > 1 ? args[1] : "docs/screenshots");
        Files.createDirectories(out);
        Path home = Files.createTempDirectory("pipewright-shots");
        FxTools.startHeadless();
        try {
            capture(sampleId, out, home);
        } finally {
            Platform.exit();
        }
    }

    private static void capture(String sampleId, Path out, Path home) throws Exception {
        for (boolean dark : new boolean[] {false, true}) {
            MainWindow[] window = new MainWindow[1];
            onFx(() -> {
                Stage stage = new Stage();
                stage.setWidth(1400);
                stage.setHeight(860);
                window[0] = new MainWindow(stage, new AppHome(home), new FakeDialogs(), new FakeFileDialogs());
                window[0].darkThemeProperty().set(dark);
                Samples.Entry sample = Samples.find(sampleId).orElseThrow();
                window[0].show(() -> window[0].documents().openUntitled(sample.flow().get(), sample.title()));
            });
            FxTools.settle(5);
            onFx(() -> {
                Flow flow = window[0].state().flow();
                Node queue = flow.nodes().stream().filter(n -> n.kind().isQueueLike()).findFirst().orElse(flow.nodes().getFirst());
                window[0].state().select(Selection.ofNodes(Set.of(queue.id())));
                window[0].canvas().fitToWindow();
            });
            FxTools.settle(5);
            Path file = out.resolve(dark ? "main-dark.png" : "main-light.png");
            onFx(() -> {
                FxTools.writeSnapshot(window[0].scene(), file);
                window[0].stage().close();
            });
        }
    }
}
