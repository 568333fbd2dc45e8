// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static dev.pipewright.app.FxTools.onFx;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.FakeFileDialogs;
import dev.pipewright.app.FxTools;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Processor;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The live view's rendering benchmark: the main window runs a generated flow of N nodes (chains of
 * source, processor, queue and consumer) with the dots at their limit, under the real FX pipeline
 * (headless glass and the software renderer unless told otherwise, or a real display under Xvfb),
 * and prints frame-time percentiles. A frame time is the time between two animation pulses (the
 * time stamps JavaFX gives every {@link AnimationTimer}):
 * with JavaFX's normal 60 Hz pulse that is the pacing a viewer sees (never below the pulse
 * timer's own jitter); with {@code -Djavafx.animation.fullspeed=true} (unpaced, a pulse as soon as
 * the last one is done) it is the time the FX thread and the renderer need to make a frame.
 *
 * <p>Run from the repository root: {@code app/bench-render [nodes] [seconds] [all|unpaced|paced|still]}.
 * Options for experiments: {@code -Dbench.mode=static|nodots}, {@code -Dbench.zoom=1.0},
 * {@code -Dbench.warmup=SECONDS}, {@code -Dbench.hide=CSS-SELECTORS}, {@code -Dbench.dump=FILE}.
 */
public final class RenderBenchmark {
    private RenderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 15;
        if (System.getProperty("glass.platform") == null && System.getenv("DISPLAY") == null) {
            System.setProperty("glass.platform", "Headless");
            System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        }
        FxTools.start();

        Flow flow = generated(nodes);
        MainWindow[] window = new MainWindow[1];
        onFx(() -> {
            Stage stage = new Stage();
            stage.setWidth(1400);
            stage.setHeight(860);
            try {
                window[0] = new MainWindow(stage, new AppHome(Files.createTempDirectory("pw-bench")), new FakeDialogs(),
                        new FakeFileDialogs());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            window[0].show(() -> window[0].documents().openUntitled(flow, "Render benchmark"));
        });
        onFx(() -> {
            window[0].canvas().fitToWindow();
            String zoom = System.getProperty("bench.zoom");
            if (zoom != null) {
                window[0].canvas().zoomProperty().set(Double.parseDouble(zoom));
            }
            String mode = System.getProperty("bench.mode", "");
            if (!mode.equals("static")) {
                window[0].live().run().play();
            }
            for (String sel : System.getProperty("bench.hide", "").split(",")) {
                if (!sel.isBlank()) {
                    window[0].stage().getScene().getRoot().lookupAll(sel).forEach(n -> n.setOpacity(0));
                }
            }
            if (mode.equals("nodots")) {
                window[0].canvas().screenOverlay().lookup("#live-dots").setVisible(false);
            }
        });
        // Warm-up: the dot pool fills in a second, but on two cores C2 keeps compiling the
        // rendering paths for about 15 s, taking a core the renderer would otherwise have.
        Thread.sleep((long) (Double.parseDouble(System.getProperty("bench.warmup", "20")) * 1000));

        // Unpaced, a still scene can reach hundreds of frames a second.
        int capacity = (int) (seconds * 1000) + 100;
        long[] stamps = new long[capacity];
        int[] dots = new int[capacity];
        int[] count = {0};
        AnimationTimer[] timer = new AnimationTimer[1];
        CountDownLatch done = new CountDownLatch(1);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        onFx(() -> LiveViewProbe.meanFrameWorkMillis(window[0].live()));
        onFx(() -> {
            timer[0] = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    // The pulse's own time stamp, the same for every animation timer of a frame: the
                    // wall clock here would also count the live view's timer, which runs first
                    // and takes longer in frames that bring a new snapshot.
                    long t = now;
                    if (count[0] < capacity) {
                        stamps[count[0]] = t;
                        dots[count[0]] = LiveViewProbe.dotCount(window[0].live());
                        count[0]++;
                    }
                    if (t >= end) {
                        stop();
                        done.countDown();
                    }
                }
            };
            timer[0].start();
        });
        done.await((long) seconds + 30, TimeUnit.SECONDS);
        double events = window[0].live().run().latest() == null ? 0 : window[0].live().run().latest().events();
        double[] work = new double[1];
        double[] zoomShown = new double[1];
        onFx(() -> {
            work[0] = LiveViewProbe.meanFrameWorkMillis(window[0].live());
            zoomShown[0] = window[0].canvas().zoomProperty().get();
        });
        onFx(() -> {
            window[0].live().close();
            window[0].stage().close();
        });

        int n = count[0];
        double[] frames = new double[n - 1];
        for (int i = 1; i < n; i++) {
            frames[i - 1] = (stamps[i] - stamps[i - 1]) / 1e6;
        }
        String dump = System.getProperty("bench.dump");
        if (dump != null) {
            StringBuilder b = new StringBuilder();
            for (double f : frames) {
                b.append(String.format(Locale.ROOT, "%.3f%n", f));
            }
            Files.writeString(java.nio.file.Path.of(dump), b);
        }
        double[] sorted = frames.clone();
        Arrays.sort(sorted);
        long over50 = Arrays.stream(frames).filter(f -> f > 50).count();
        double meanDots = Arrays.stream(dots, 0, n).average().orElse(0);
        int maxDots = Arrays.stream(dots, 0, n).max().orElse(0);
        boolean unpaced = Boolean.getBoolean("javafx.animation.fullspeed");
        String scene = System.getProperty("bench.mode", "").equals("static") ? "still" : "running";
        System.out.printf(Locale.ROOT, "live view rendering: %d nodes, %d wires, %s, %s, %s, zoom %.0f%%, %.0f s measured%n",
                flow.nodes().size(), flow.edges().size(), scene,
                unpaced ? "unpaced (frame time = time to make a frame)" : "paced at the 60 Hz pulse (frame time = interval)",
                System.getProperty("glass.platform", "display " + System.getenv("DISPLAY"))
                        + " / prism " + System.getProperty("prism.order", "default"),
                zoomShown[0] * 100, seconds);
        System.out.printf(Locale.ROOT, "frames %d (%.1f fps); animated dots: mean %.0f, max %d; engine events %.0f%n",
                frames.length, frames.length / seconds, meanDots, maxDots, events);
        System.out.printf(Locale.ROOT, "frame time ms: p50 %.2f  p95 %.2f  p99 %.2f  max %.2f;  frames over 50 ms: %d%n",
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1], over50);
        System.out.printf(Locale.ROOT, "live view's own work per frame (animation timer): mean %.2f ms%n", work[0]);
        // One line for the bench-render script's table.
        System.out.printf(Locale.ROOT, "RESULT|%s, %s|%.1f|%.2f|%.2f|%.2f|%.2f|%d|%.0f|%.2f%n",
                unpaced ? "unpaced" : "paced", scene, frames.length / seconds, pct(sorted, 50), pct(sorted, 95),
                pct(sorted, 99), sorted[sorted.length - 1], over50, meanDots, work[0]);
        Platform.exit();
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** Chains of source, processor, queue and consumer, laid out in rows, {@code nodes} nodes in all. */
    static Flow generated(int nodes) {
        List<Node> all = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        int chains = Math.max(1, nodes / 4);
        int perRow = 3;
        for (int c = 0; c < chains; c++) {
            double x = (c % perRow) * 900;
            double y = (c / perRow) * 110;
            String s = "s" + c;
            String p = "p" + c;
            String q = "q" + c;
            String k = "c" + c;
            Source src = Source.of(s, "Source " + c, new Position(x, y));
            all.add(new Source(s, src.name(), src.position(), 150, Source.Arrival.POISSON, 1, null, null, 256,
                    java.util.Map.of(), java.util.Map.of(), List.of(), 0, null, Duration.ofSeconds(5), false, List.of()));
            all.add(Processor.of(p, "Processor " + c, new Position(x + 220, y)));
            all.add(Queue.of(q, "Queue " + c, new Position(x + 440, y)));
            Consumer base = Consumer.of(k, "Consumer " + c, new Position(x + 660, y));
            all.add(new Consumer(k, base.name(), base.position(), 4, 1, Distribution.exponential(Duration.ofMillis(5)),
                    0, Consumer.FailureAction.REQUEUE, Consumer.AckMode.MANUAL, List.of(), false, null, null));
            edges.add(Edge.of("e" + c + "a", s, Port.OUT, p));
            edges.add(Edge.of("e" + c + "b", p, Port.OUT, q));
            edges.add(Edge.of("e" + c + "c", q, Port.OUT, k));
        }
        return new Flow(new FlowInfo("Render benchmark", "Generated for the rendering benchmark"), all, edges);
    }
}
