// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static dev.pipewright.app.live.RunOnWindow.choose;
import static dev.pipewright.app.live.RunOnWindow.fx;
import static dev.pipewright.app.live.RunOnWindow.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.AppSettings;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * "Run on" SQS in the main window, as a person uses it: choose Embedded ElasticMQ (on the test
 * class path), press play on a small SQS flow, pause its consumer by hand and see the messages wait
 * in the queue as ElasticMQ counts them, resume and see them all completed; and "SQS at…" asks for
 * the endpoint, region and key id, remembers them and never the secret. Waits poll with a generous time-out.
 */
@ExtendWith(ApplicationExtension.class)
class RunOnSqsTest {
    private final FakeDialogs dialogs = new FakeDialogs();
    private RunOnWindow ui;
    private MainWindow window;
    private LiveView live;
    private Path home;

    @Start
    void start(Stage stage) throws Exception {
        ui = RunOnWindow.open(stage, dialogs, "pipewright-runon-sqs", flow(), "Twenty jobs");
        window = ui.window;
        live = ui.live;
        home = ui.home;
    }

    @AfterEach
    void stop() throws Exception {
        ui.close();
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

    @Test
    void embeddedElasticMqRunsTheFlowAndAPausedConsumerLeavesTheMessagesInTheQueue(FxRobot robot) throws Exception {
        choose(robot, "Embedded ElasticMQ");
        waitUntil(() -> robot.lookup("#run-step").queryAs(Button.class).isDisabled());
        assertThat(fx(() -> robot.lookup("#run-speed").queryAs(ComboBox.class).isDisabled())).isTrue();
        assertThat(fx(() -> robot.lookup("#run-step").queryAs(Button.class).getTooltip().getText()))
                .contains("real broker cannot step");
        // The source starts at rate 0, so nothing is sent before the consumer is paused.
        robot.clickOn("#run-play");
        ui.awaitRun("embedded ElasticMQ");
        waitUntil(() -> live.run().infoProperty().get().startsWith("Connected to embedded ElasticMQ"));
        // The consumer paused by hand in the Live tab, then the source's rate set: ElasticMQ holds all twenty.
        ui.showInTab("workers", "tab-live");
        ui.click(robot, "#live-pause-consumer");
        ui.showInTab("src", "tab-live");
        fx(() -> {
            @SuppressWarnings("unchecked")
            Spinner<Double> rate = (Spinner<Double>) window.scene().lookup("#live-rate");
            rate.getValueFactory().setValue(40.0);
            return null;
        });
        waitUntil(() -> live.run().latest().node("jobs").depth() == 20);
        assertThat(fx(() -> live.run().latest().node("workers").in())).isZero();
        ui.showInTab("workers", "tab-live");
        ui.click(robot, "#live-add-instance");
        ui.click(robot, "#live-pause-consumer"); // now "Resume"
        waitUntil(() -> live.run().latest().node("workers").completed() == 20);
        assertThat(dialogs.errors).isEmpty();
        // What SQS cannot do is disabled and says why: a real broker does not trace one message.
        ui.showInTab("src", "tab-live");
        Button publishOne = ui.find("#live-publish-one", Button.class);
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
        ui.assertNoFileHolds("s3cret-key");
    }
}
