// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.export.DiagramExport;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.image.WritableImage;
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
        System.setProperty("glass.platform", System.getProperty("glass.platform", "Headless"));
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        String sampleId = args.length > 0 ? args[0] : "dead-letter-queue";
        Path out = Path.of(args.length > 1 ? args[1] : "docs/screenshots");
        Files.createDirectories(out);
        Path home = Files.createTempDirectory("pipewright-shots");
        Platform.setImplicitExit(false);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        try {
            capture(sampleId, out, home);
        } finally {
            Platform.exit();
        }
    }

    private static void capture(String sampleId, Path out, Path home) throws InterruptedException {
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
            settle();
            onFx(() -> {
                Flow flow = window[0].state().flow();
                Node queue = flow.nodes().stream().filter(n -> n.kind().isQueueLike()).findFirst().orElse(flow.nodes().getFirst());
                window[0].state().select(Selection.ofNodes(Set.of(queue.id())));
                window[0].canvas().fitToWindow();
            });
            settle();
            Path file = out.resolve(dark ? "main-dark.png" : "main-light.png");
            onFx(() -> {
                WritableImage image = window[0].scene().snapshot(null);
                try {
                    DiagramExport.writePng(image, file);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                window[0].stage().close();
            });
        }
    }

    private static void settle() throws InterruptedException {
        // Let a few pulses lay out and paint the scene before it is captured.
        for (int i = 0; i < 5; i++) {
            onFx(() -> { });
            Thread.sleep(100);
        }
    }

    private static void onFx(Runnable action) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        Platform.runLater(() -> {
            try {
                action.run();
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                done.countDown();
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the FX thread did not answer in 30 s");
        }
        if (failure[0] != null) {
            throw new IllegalStateException(failure[0]);
        }
    }
}
