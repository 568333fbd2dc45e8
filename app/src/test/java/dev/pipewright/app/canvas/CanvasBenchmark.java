// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import atlantafx.base.theme.PrimerLight;
import dev.pipewright.app.editor.EditorState;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * Frame times of the canvas while it pans and zooms a large flow (500 nodes, 600 wires by
 * default), through the real JavaFX pipeline: an {@link AnimationTimer} pans for half the frames
 * and zooms for the other half, and the time between frames is recorded. Not a test: run it as
 * described in docs/benchmarks.md, e.g. headless with {@code -Dglass.platform=Headless
 * -Dprism.order=sw} or on a display (Xvfb). Arguments: nodes, wires, frames.
 */
public final class CanvasBenchmark {
    private CanvasBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int wires = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        int frames = args.length > 2 ? Integer.parseInt(args[2]) : 600;
        int warmup = 60;
        long[] intervals = new long[frames];
        CountDownLatch done = new CountDownLatch(1);
        Platform.startup(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            EditorState state = new EditorState(CanvasFixtures.large(nodes, wires));
            FlowCanvas canvas = new FlowCanvas(state);
            Stage stage = new Stage();
            stage.setScene(new Scene(new BorderPane(canvas), 1280, 800));
            stage.show();
            new AnimationTimer() {
                private long last;
                private int frame = -warmup;

                @Override
                public void handle(long now) {
                    if (last != 0 && frame >= 0) {
                        intervals[frame] = now - last;
                    }
                    last = now;
                    frame++;
                    int f = Math.max(0, frame);
                    if (f < frames / 2) {
                        double angle = f / 30.0;
                        pan(canvas, Math.cos(angle) * 12, Math.sin(angle) * 8);
                    } else {
                        double z = 0.6 + 0.5 * (1 + Math.sin((f - frames / 2) / 20.0));
                        canvas.zoomProperty().set(z);
                    }
                    if (frame >= frames) {
                        stop();
                        done.countDown();
                    }
                }
            }.start();
        });
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the benchmark did not finish in 10 minutes");
        }
        Platform.exit();
        report(nodes, wires, intervals);
    }

    private static void pan(FlowCanvas canvas, double dx, double dy) {
        canvas.viewport().panBy(dx, dy);
    }

    private static void report(int nodes, int wires, long[] intervals) {
        System.out.printf(Locale.ROOT, "canvas benchmark: %d nodes, %d wires, %d frames, platform %s, pipeline %s%n",
                nodes, wires, intervals.length, System.getProperty("glass.platform", "default"),
                System.getProperty("prism.order", "default"));
        int half = intervals.length / 2;
        line("pan ", Arrays.copyOfRange(intervals, 0, half));
        line("zoom", Arrays.copyOfRange(intervals, half, intervals.length));
        line("all ", intervals);
    }

    private static void line(String what, long[] intervals) {
        double[] ms = Arrays.stream(intervals).mapToDouble(n -> n / 1e6).sorted().toArray();
        double total = Arrays.stream(ms).sum();
        System.out.printf(Locale.ROOT, "%s frame time ms: p50 %5.1f  p95 %5.1f  p99 %5.1f  max %5.1f  | %5.1f fps%n",
                what, pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[ms.length - 1], ms.length / (total / 1000));
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
