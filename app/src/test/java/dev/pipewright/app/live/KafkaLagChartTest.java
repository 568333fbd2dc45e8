// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.FakeFileDialogs;
import dev.pipewright.app.FxTools;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.engine.api.SeriesPoint;
import dev.pipewright.model.Flow;
import dev.pipewright.samples.SampleCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The consumer-lag line of the live charts, on the kafka-orders sample: the shop's 12 scripted
 * orders (two a second) are read by Billing, which commits its offsets automatically every 5 s,
 * so the group's lag on the topic "orders" climbs until the commit at 5 s and is gone after the
 * one at 10 s; the depth chart draws it beside the depth.
 */
@ExtendWith(ApplicationExtension.class)
class KafkaLagChartTest {
    private static final long TIMEOUT_SECONDS = 30;
    private MainWindow window;
    private LiveView live;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("pipewright-lag");
        window = new MainWindow(stage, new AppHome(dir.resolve("home")), new FakeDialogs(), new FakeFileDialogs());
        stage.setWidth(1500);
        stage.setHeight(900);
        Flow flow = SampleCatalog.all().stream().filter(s -> s.id().equals("kafka-orders")).findFirst()
                .orElseThrow().load();
        window.show(() -> window.documents().openUntitled(flow, "Kafka orders"));
        live = window.live();
    }

    @AfterEach
    void stop() throws Exception {
        fx(() -> {
            live.close();
            return null;
        });
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The series called {@code name} in the chart whose y axis reads {@code axis}, or null. */
    private XYChart.Series<Number, Number> series(String axis, String name) {
        for (javafx.scene.Node n : window.scene().getRoot().lookupAll(".live-chart")) {
            @SuppressWarnings("unchecked")
            LineChart<Number, Number> c = (LineChart<Number, Number>) n;
            if (axis.equals(c.getYAxis().getLabel())) {
                return c.getData().stream().filter(s -> name.equals(s.getName())).findFirst().orElse(null);
            }
        }
        throw new AssertionError("no chart of " + axis);
    }

    @Test
    void theDepthChartOfAKafkaTopicDrawsItsGroupsGrowingLag(FxRobot robot) throws Exception {
        fx(() -> {
            window.state().select(Selection.ofNodes(Set.of("orders")));
            Tab charts = live.chartsTab();
            charts.getTabPane().getSelectionModel().select(charts);
            live.run().speedProperty().set(SpeedChoice.paced(10));
            return null;
        });
        robot.clickOn("#run-play");
        // A few virtual seconds: the lag line is drawn once the topic's series has points.
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> fx(() -> {
            XYChart.Series<Number, Number> lag = series("depth", "lag");
            return lag != null && lag.getData().size() >= 6 && live.run().latest().time() > 11;
        }));
        CountDownLatch paused = new CountDownLatch(1);
        fx(() -> {
            live.run().pauseThen(paused::countDown);
            return null;
        });
        assertThat(paused.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        FxTools.settle(3);
        fx(() -> {
            List<XYChart.Data<Number, Number>> drawn = List.copyOf(series("depth", "lag").getData());
            List<SeriesPoint> engine = live.run().latest().node("orders").series();
            // What is drawn is the engine's lag at each sample: the group's total over the partitions.
            for (XYChart.Data<Number, Number> d : drawn) {
                SeriesPoint p = engine.stream().filter(e -> e.time() == d.getXValue().doubleValue()).findFirst()
                        .orElseThrow();
                assertThat(d.getYValue().longValue()).as("lag at %s", p.time()).isEqualTo(p.lag());
            }
            // Before the first commit at 5 s, 9 orders were appended (0 to 4 s) and none committed.
            assertThat(drawn.stream().mapToLong(d -> d.getYValue().longValue()).max().orElseThrow())
                    .isGreaterThanOrEqualTo(8);
            // The commit at 10 s took the last of them.
            assertThat(drawn.getLast().getXValue().doubleValue()).isGreaterThan(10);
            assertThat(drawn.getLast().getYValue().longValue()).isZero();
            FxTools.writeSnapshot(window.scene(), Path.of("target", "kafka-lag-chart.png"));
            return null;
        });
    }
}
