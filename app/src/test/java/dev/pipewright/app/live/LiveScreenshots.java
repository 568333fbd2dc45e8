// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static dev.pipewright.app.FxTools.onFx;

import dev.pipewright.app.FxTools;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.shell.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javafx.application.Platform;
import javafx.scene.control.Tab;

/**
 * Renders the main window while a sample runs, headless, to
 * {@code docs/screenshots/live-competing-consumers.png} and {@code live-dead-letter.png}. Run from
 * the repository root with the app's test class path:
 * {@code java -cp <test class path> dev.pipewright.app.live.LiveScreenshots [output-folder]}.
 */
public final class LiveScreenshots {
    private LiveScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        Path home = Files.createTempDirectory("pipewright-live-shots");
        FxTools.startHeadless();
        shoot(home, "competing-consumers", "orders", out.resolve("live-competing-consumers.png"), 2, 6);
        shoot(home, "dead-letter-queue", "payments-dlq", out.resolve("live-dead-letter.png"), 5, 8);
        Platform.exit();
    }

    /** Opens a sample, plays it at {@code speed}x for {@code seconds} of wall time, selects a queue, and shoots. */
    private static void shoot(Path home, String sampleId, String queueId, Path file, double speed, double seconds)
            throws Exception {
        MainWindow[] window = {SampleWindow.open(sampleId, home)};
        FxTools.settle(5);
        onFx(() -> {
            MainWindow w = window[0];
            w.state().select(Selection.ofNodes(Set.of(queueId)));
            select(w.live().inspectorTab());
            select(w.live().chartsTab());
            w.live().run().speedProperty().set(SpeedChoice.paced(speed));
            w.live().run().play();
            w.canvas().fitToWindow();
            if (w.scene().lookup("#centre-split") instanceof javafx.scene.control.SplitPane split) {
                split.setDividerPositions(0.64); // room for the charts
            }
        });
        Thread.sleep((long) (seconds * 1000));
        if (queueId.endsWith("dlq")) {
            // Show the dead letters waiting and the history of one of them.
            onFx(() -> ((javafx.scene.control.Button) window[0].scene().lookup("#live-fetch-messages")).fire());
            Thread.sleep(500);
            onFx(() -> {
                @SuppressWarnings("unchecked")
                var list = (javafx.scene.control.ListView<dev.pipewright.engine.api.MessageView>)
                        window[0].scene().lookup("#live-messages");
                int pick = 0;
                for (int i = 0; i < list.getItems().size(); i++) {
                    if (dev.pipewright.engine.api.Lineage.sampled(list.getItems().get(i).id())) {
                        pick = i;
                    }
                }
                list.getSelectionModel().select(pick);
                if (window[0].scene().lookup("#live-inspector") instanceof javafx.scene.control.ScrollPane sp) {
                    sp.setVvalue(1);
                }
            });
            Thread.sleep(500);
        }
        onFx(() -> {
            FxTools.writeSnapshot(window[0].scene(), file);
            window[0].live().close();
            window[0].stage().close();
        });
    }

    private static void select(Tab tab) {
        tab.getTabPane().getSelectionModel().select(tab);
    }
}
