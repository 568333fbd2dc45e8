// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.engine.api.SeriesPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The live charts for the selected node or the whole flow: throughput in and out, queue depth
 * (and, for Kafka topics, the consumer groups' lag beside it), and latency p50/p95/p99, over a window of virtual time (30 s, 2 min or 10 min). Animations
 * are off and each line has at most {@link ChartData#MAX_POINTS} points.
 */
final class LiveCharts extends BorderPane {
    /** The window choices in virtual seconds. */
    static final double[] WINDOWS = {30, 120, 600};
    private static final String[] WINDOW_NAMES = {"30 s", "2 min", "10 min"};

    private final Label title = new Label("Whole flow");
    private final ToggleGroup windowGroup = new ToggleGroup();
    private final LineChart<Number, Number> throughput = chart("msg/s");
    private final LineChart<Number, Number> depth = chart("depth");
    private final LineChart<Number, Number> latency = chart("ms");
    private final XYChart.Series<Number, Number> in = series("in");
    private final XYChart.Series<Number, Number> out = series("out");
    private final XYChart.Series<Number, Number> held = series("depth");
    // Shown only while the data has consumer groups, so other brokers' charts keep one line.
    private final XYChart.Series<Number, Number> lag = series("lag");
    private final XYChart.Series<Number, Number> p50 = series("p50");
    private final XYChart.Series<Number, Number> p95 = series("p95");
    private final XYChart.Series<Number, Number> p99 = series("p99");
    private double window = WINDOWS[0];
    private double lastShownTime = Double.NaN;
    private String lastTitle = "";

    LiveCharts() {
        setId("live-charts");
        getStyleClass().add("live-charts");
        throughput.getData().addAll(List.of(in, out));
        depth.getData().add(held);
        latency.getData().addAll(List.of(p50, p95, p99));
        title.setId("live-charts-title");
        title.getStyleClass().add("live-charts-title");
        HBox windows = new HBox();
        windows.getStyleClass().add("live-window-buttons");
        for (int i = 0; i < WINDOWS.length; i++) {
            ToggleButton b = new ToggleButton(WINDOW_NAMES[i]);
            b.setId("live-window-" + (int) WINDOWS[i]);
            b.getStyleClass().addAll(atlantafx.base.theme.Styles.SMALL);
            b.setUserData(WINDOWS[i]);
            b.setToggleGroup(windowGroup);
            b.setFocusTraversable(false);
            if (i == 0) {
                b.getStyleClass().add(atlantafx.base.theme.Styles.LEFT_PILL);
                b.setSelected(true);
            } else if (i == WINDOWS.length - 1) {
                b.getStyleClass().add(atlantafx.base.theme.Styles.RIGHT_PILL);
            } else {
                b.getStyleClass().add(atlantafx.base.theme.Styles.CENTER_PILL);
            }
            windows.getChildren().add(b);
        }
        windowGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one window is always chosen
            } else {
                window = (Double) now.getUserData();
                lastShownTime = Double.NaN;
            }
        });
        Label caption = new Label("last");
        caption.getStyleClass().add("live-caption");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(8, title, grow, caption, windows);
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("live-charts-head");
        setTop(head);
        HBox charts = new HBox(4, throughput, depth, latency);
        for (LineChart<Number, Number> c : List.of(throughput, depth, latency)) {
            HBox.setHgrow(c, Priority.ALWAYS);
            c.setMinWidth(120);
            c.setPrefWidth(300);
        }
        setCenter(charts);
    }

    double window() {
        return window;
    }

    /** Shows {@code data}; does nothing when it shows the same as last time. */
    void show(ChartData data, double now) {
        if (now == lastShownTime && data.title().equals(lastTitle)) {
            return;
        }
        lastShownTime = now;
        lastTitle = data.title();
        title.setText(data.title());
        List<SeriesPoint> pts = data.points();
        fill(in, pts, SeriesPoint::inRate);
        fill(out, pts, SeriesPoint::outRate);
        fill(held, pts, p -> p.depth());
        if (data.hasLag()) {
            fill(lag, pts, p -> p.hasLag() ? p.lag() : Double.NaN);
            if (!depth.getData().contains(lag)) {
                depth.getData().add(lag);
            }
        } else {
            depth.getData().remove(lag);
            lag.getData().clear();
        }
        fill(p50, pts, SeriesPoint::p50Ms);
        fill(p95, pts, SeriesPoint::p95Ms);
        fill(p99, pts, SeriesPoint::p99Ms);
        for (LineChart<Number, Number> c : List.of(throughput, depth, latency)) {
            NumberAxis x = (NumberAxis) c.getXAxis();
            double upper = Math.max(window, Math.ceil(now));
            x.setLowerBound(upper - window);
            x.setUpperBound(upper);
            x.setTickUnit(niceTick(window));
        }
    }

    /** Empties the charts (a new run). */
    void clear() {
        for (XYChart.Series<Number, Number> s : List.of(in, out, held, lag, p50, p95, p99)) {
            s.getData().clear();
        }
        lastShownTime = Double.NaN;
    }

    private static void fill(XYChart.Series<Number, Number> s, List<SeriesPoint> pts, ToDoubleFunction<SeriesPoint> value) {
        List<XYChart.Data<Number, Number>> data = new ArrayList<>(pts.size());
        for (SeriesPoint p : pts) {
            double v = value.applyAsDouble(p);
            if (Double.isFinite(v)) {
                data.add(new XYChart.Data<>(p.time(), v));
            }
        }
        s.getData().setAll(data);
    }

    private static double niceTick(double window) {
        return window <= 30 ? 5 : window <= 120 ? 20 : 100;
    }

    private static LineChart<Number, Number> chart(String name) {
        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return LiveFormat.elapsed(n.doubleValue()).substring(3, 8); // mm:ss
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        y.setLabel(name);
        c.setLegendSide(javafx.geometry.Side.RIGHT);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setLegendVisible(true);
        c.getStyleClass().add("live-chart");
        c.setHorizontalGridLinesVisible(true);
        c.setVerticalGridLinesVisible(false);
        return c;
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        return s;
    }
}
