// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static dev.pipewright.app.FxTools.onFx;

import dev.pipewright.app.FxTools;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.engine.api.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Four frames, two by two, of the competing-consumers sample telling one story: running, every
 * consumer instance crashed (the queue grows and turns red), restored (it drains), drained again.
 * Writes {@code docs/screenshots/live-crash-and-recover.png}. Run from the repository root with the
 * app's test class path: {@code java -cp <test class path> dev.pipewright.app.live.LiveStrip [folder]}.
 */
public final class LiveStrip {
    private static final String QUEUE = "orders";
    private static final String CONSUMER = "order-processor";
    private static final int INSTANCES = 3;
    private static final double FRAME_WIDTH = 640;

    private LiveStrip() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        Path home = Files.createTempDirectory("pipewright-live-strip");
        FxTools.startHeadless();

        MainWindow[] window = {SampleWindow.open("competing-consumers", home)};
        Thread.sleep(500);
        onFx(() -> {
            window[0].canvas().fitToWindow();
            window[0].live().run().play();
        });
        Supplier<Snapshot> latest = () -> window[0].live().run().latest();

        List<VBox> frames = new ArrayList<>();
        waitFor(() -> latest.get() != null && latest.get().time() > 3);
        frames.add(frame(window[0], "1. Running: 3 consumers keep up with 80 msg/s"));
        onFx(() -> {
            for (int i = 0; i < INSTANCES; i++) {
                window[0].live().run().faultActions().crashInstance(CONSUMER);
            }
        });
        waitFor(() -> latest.get().node(QUEUE).depth() > 250);
        frames.add(frame(window[0], "2. All 3 instances crashed: the queue grows and its card warns"));
        onFx(() -> {
            for (int i = 0; i < INSTANCES; i++) {
                window[0].live().run().faultActions().restoreInstance(CONSUMER);
            }
        });
        waitFor(() -> latest.get().node(QUEUE).depth() < 150);
        frames.add(frame(window[0], "3. Restored: the backlog drains at c\u00b7\u03bc \u2212 \u03bb \u2248 20 msg/s"));
        waitFor(() -> latest.get().node(QUEUE).depth() < 5);
        frames.add(frame(window[0], "4. Drained: back to steady state"));

        onFx(() -> {
            VBox strip = new VBox(16, new HBox(16, frames.get(0), frames.get(1)),
                    new HBox(16, frames.get(2), frames.get(3)));
            strip.setPadding(new Insets(16));
            strip.setStyle("-fx-background-color: white;");
            FxTools.writeSnapshot(new Scene(strip), out.resolve("live-crash-and-recover.png"));
            window[0].live().close();
            window[0].stage().close();
        });
        Platform.exit();
    }

    /** The middle of the canvas (around the flow) with a caption underneath. */
    private static VBox frame(MainWindow window, String caption) throws Exception {
        VBox[] box = new VBox[1];
        onFx(() -> {
            var canvas = window.canvas();
            SnapshotParameters params = new SnapshotParameters();
            params.setViewport(FlowRegion.of(window, 28));
            WritableImage image = canvas.snapshot(params, null);
            ImageView view = new ImageView(image);
            view.setPreserveRatio(true);
            view.setFitWidth(FRAME_WIDTH);
            Label label = new Label(caption);
            label.setStyle("-fx-font-size: 13px; -fx-text-fill: #1f2328;");
            label.setMaxWidth(FRAME_WIDTH);
            label.setWrapText(true);
            box[0] = new VBox(6, view, label);
        });
        return box[0];
    }

    private static void waitFor(Supplier<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the run did not reach the expected state within 60 s");
            }
            Thread.sleep(50);
        }
        Thread.sleep(300); // let a few frames draw what the snapshot says
    }
}
