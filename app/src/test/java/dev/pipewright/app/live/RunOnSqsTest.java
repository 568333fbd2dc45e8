// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.FakeFileDialogs;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.AppSettings;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.files.SqsLogin;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import dev.pipewright.model.Distribution;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.FlowInfo;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import dev.pipewright.model.Position;
import dev.pipewright.model.Queue;
import dev.pipewright.model.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Run on" SQS in the main window, as a person uses it: choose Embedded ElasticMQ (on the test
 * class path), press play on a small SQS flow, pause its consumer by hand and see the messages wait
 * in the queue as ElasticMQ counts them, resume and see them all completed; and "SQS at…" asks for
 * the endpoint, region and key id, remembers them and never the secret. Waits poll with a generous time-out.
 */
@ExtendWith(ApplicationExtension.class)
class RunOnSqsTest {
    private static final long TIMEOUT_SECONDS = 60;
    private final FakeDialogs dialogs = new FakeDialogs();
    private MainWindow window;
    private LiveView live;
    private Path home;

    @Start
    void start(Stage stage) throws Exception {
        home = Files.createTempDirectory("pipewright-runon-sqs").resolve("home");
        window = new MainWindow(stage, new AppHome(home), dialogs, new FakeFileDialogs());
        stage.setWidth(1500);
        stage.setHeight(900);
        window.show(() -> window.documents().openUntitled(flow(), "Twenty jobs"));
        live = window.live();
    }

    @AfterEach
    void stop() throws Exception {
        fx(() -> {
            live.close();
            return null;
        });
    }

    /** Twenty messages (at the rate set while it runs) into an SQS queue with one consumer of 5 ms. */
    static Flow flow() {
        Node source = Source.of("src", "jobs-in", new Position(80, 200)).with("rate", 0.0)
                .with("arrival", Source.Arrival.CONSTANT).with("messageLimit", 20L);
        Node queue = Queue.of("jobs", "jobs", new Position(340, 200));
        Node consumer = Consumer.of("workers", "workers", new Position(600, 200))
                .with("processingTime", Distribution.constant(Duration.ofMillis(5)));
        return new Flow(new FlowInfo("Twenty jobs", "", Broker.SQS), List.of(source, queue, consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "jobs"), Edge.of("e2", "jobs", Port.OUT, "workers")));
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
    }

    private <T extends javafx.scene.Node> T find(String id, Class<T> type) throws Exception {
        return fx(() -> type.cast(window.scene().lookup(id)));
    }

    private void click(FxRobot robot, String id) throws Exception {
        Button b = find(id, Button.class);
        assertThat(b).as(id).isNotNull();
        assertThat(b.isDisabled()).as(id + " is enabled").isFalse();
        robot.interact(b::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Selects the node and shows the Live tab, where its faults are buttons. */
    private void showInLiveTab(String nodeId) throws Exception {
        fx(() -> {
            window.state().select(Selection.ofNodes(Set.of(nodeId)));
            TabPane side = (TabPane) window.scene().lookup("#side-tabs");
            side.getSelectionModel().select(side.getTabs().stream().filter(t -> "tab-live".equals(t.getId()))
                    .findFirst().orElseThrow());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void choose(FxRobot robot, String place) {
        robot.clickOn("#run-on");
        robot.clickOn(place);
    }

    @Test
    void embeddedElasticMqRunsTheFlowAndAPausedConsumerLeavesTheMessagesInTheQueue(FxRobot robot) throws Exception {
        choose(robot, "Embedded ElasticMQ");
        waitUntil(() -> robot.lookup("#run-step").queryAs(Button.class).isDisabled());
        assertThat(fx(() -> robot.lookup("#run-speed").queryAs(ComboBox.class).isDisabled())).isTrue();
        assertThat(fx(() -> robot.lookup("#run-step").queryAs(Button.class).getTooltip().getText()))
                .contains("real broker cannot step");
        // The source starts at rate 0, so nothing is sent before the consumer is paused.
        robot.clickOn("#run-play");
        try {
            waitUntil(() -> live.run().latest() != null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no run on embedded ElasticMQ; the app says: " + fx(() -> live.run().infoProperty().get()
                    + " / " + live.run().noticeProperty().get()), e);
        }
        waitUntil(() -> live.run().infoProperty().get().startsWith("Connected to embedded ElasticMQ"));
        // The consumer paused by hand in the Live tab, then the source's rate set: ElasticMQ holds all twenty.
        showInLiveTab("workers");
        click(robot, "#live-pause-consumer");
        showInLiveTab("src");
        fx(() -> {
            @SuppressWarnings("unchecked")
            Spinner<Double> rate = (Spinner<Double>) window.scene().lookup("#live-rate");
            rate.getValueFactory().setValue(40.0);
            return null;
        });
        waitUntil(() -> live.run().latest().node("jobs").depth() == 20);
        assertThat(fx(() -> live.run().latest().node("workers").in())).isZero();
        showInLiveTab("workers");
        click(robot, "#live-add-instance");
        click(robot, "#live-pause-consumer"); // now "Resume"
        waitUntil(() -> live.run().latest().node("workers").completed() == 20);
        assertThat(dialogs.errors).isEmpty();
        // What SQS cannot do is disabled and says why: a real broker does not trace one message.
        showInLiveTab("src");
        Button publishOne = find("#live-publish-one", Button.class);
        assertThat(publishOne.isDisabled()).isTrue();
        assertThat(publishOne.getTooltip().getText()).contains("real broker does not trace");
        Snapshot s = fx(() -> live.run().latest());
        assertThat(s.node("src").out()).isEqualTo(20);
        assertThat(s.node("jobs").in()).isEqualTo(20);
        assertThat(s.conservation().holds()).isTrue();
        choose(robot, "Simulator");
        waitUntil(() -> !robot.lookup("#run-step").queryAs(Button.class).isDisabled());
    }

    @Test
    void sqsAtAsksForEndpointRegionAndKeyIdAndRemembersThemWithoutTheSecret(FxRobot robot) throws Exception {
        dialogs.sqsLogins.add(new SqsLogin("http://127.0.0.1:9324", "Mars 1", "AKIAAPP", "s3cret-key"));
        dialogs.sqsLogins.add(new SqsLogin("http://127.0.0.1:9324", "eu-west-1", "AKIAAPP", "s3cret-key"));
        choose(robot, "SQS at…");
        waitUntil(() -> robot.lookup("#run-on").queryAs(ComboBox.class).getValue() == RunOn.Place.SQS);
        assertThat(dialogs.errors).singleElement().asString().startsWith("Run on SQS: ").contains("not an AWS region");
        assertThat(dialogs.sqsAsked).containsExactly("http://127.0.0.1:9324  ", "http://127.0.0.1:9324 Mars 1 AKIAAPP");
        AppSettings settings = new AppSettings(new AppHome(home));
        assertThat(settings.text(RunOn.SQS_URL_KEY, "")).isEqualTo("http://127.0.0.1:9324");
        assertThat(settings.text(RunOn.SQS_REGION_KEY, "")).isEqualTo("eu-west-1");
        assertThat(settings.text(RunOn.SQS_KEY_ID_KEY, "")).isEqualTo("AKIAAPP");
        try (var files = Files.walk(home)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(p)).as(p.toString()).doesNotContain("s3cret-key");
            }
        }
    }
}
