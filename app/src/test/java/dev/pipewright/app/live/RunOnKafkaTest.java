// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static dev.pipewright.app.live.RunOnWindow.choose;
import static dev.pipewright.app.live.RunOnWindow.fx;
import static dev.pipewright.app.live.RunOnWindow.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.AppSettings;
import dev.pipewright.app.files.BrokerLogin;
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
import java.util.Set;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * "Run on" Kafka in the main window, as a person uses it, on an in-process KRaft cluster (Kafka's
 * KafkaClusterTestKit): choose "Kafka at…", give the bootstrap servers, press play on a small Kafka
 * flow, pause its consumer by hand and see the twenty records wait as the group's lag (the
 * cluster's offsets) in the queue and on the depth chart's lag line, add a member and resume, and
 * see them all completed; the servers and user are remembered, the password never. Waits poll
 * with a generous time-out.
 */
@ExtendWith(ApplicationExtension.class)
class RunOnKafkaTest {
    private static KafkaClusterTestKit cluster;
    private final FakeDialogs dialogs = new FakeDialogs();
    private RunOnWindow ui;
    private MainWindow window;
    private LiveView live;
    private Path home;

    @BeforeAll
    static void startKraft() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(false)
                .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    @AfterAll
    static void stopKraft() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        ui = RunOnWindow.open(stage, dialogs, "pipewright-runon-kafka", flow(), "Twenty records");
        window = ui.window;
        live = ui.live;
        home = ui.home;
    }

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    /** Twenty records (at the rate set while it runs) into a topic of three partitions, read by a group taking 5 ms each. */
    static Flow flow() {
        Node source = Source.of("src", "records-in", new Position(80, 200)).with("rate", 0.0)
                .with("arrival", Source.Arrival.CONSTANT).with("messageLimit", 20L);
        Node topic = Queue.of("jobs", "jobs", new Position(340, 200)).with("partitions", 3);
        Node consumer = Consumer.of("workers", "workers", new Position(600, 200))
                .with("ackMode", Consumer.AckMode.MANUAL)
                .with("processingTime", Distribution.constant(Duration.ofMillis(5)));
        return new Flow(new FlowInfo("Twenty records", "", Broker.KAFKA), List.of(source, topic, consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "jobs"), Edge.of("e2", "jobs", Port.OUT, "workers")));
    }

    /** The last value of the lag line on the depth chart, or -1 when it has none. */
    private long drawnLag() {
        for (javafx.scene.Node n : window.scene().getRoot().lookupAll(".live-chart")) {
            @SuppressWarnings("unchecked")
            LineChart<Number, Number> c = (LineChart<Number, Number>) n;
            if ("depth".equals(c.getYAxis().getLabel())) {
                XYChart.Series<Number, Number> lag = c.getData().stream().filter(s -> "lag".equals(s.getName()))
                        .findFirst().orElse(null);
                return lag == null || lag.getData().isEmpty() ? -1 : lag.getData().getLast().getYValue().longValue();
            }
        }
        return -1;
    }

    @Test
    void kafkaAtRunsTheFlowAndAPausedConsumerLeavesTheRecordsAsTheGroupsLag(FxRobot robot) throws Exception {
        dialogs.login = new BrokerLogin(cluster.bootstrapServers(), "", "");
        choose(robot, "Kafka at…");
        waitUntil(() -> robot.lookup("#run-step").queryAs(Button.class).isDisabled());
        assertThat(fx(() -> robot.lookup("#run-speed").queryAs(ComboBox.class).isDisabled())).isTrue();
        assertThat(fx(() -> robot.lookup("#run-step").queryAs(Button.class).getTooltip().getText()))
                .contains("real broker cannot step");
        // The source starts at rate 0, so nothing is sent before the consumer is paused.
        robot.clickOn("#run-play");
        ui.awaitRun("Kafka");
        waitUntil(() -> live.run().infoProperty().get().startsWith("Connected to Kafka at " + cluster.bootstrapServers()));
        // The consumer paused by hand in the Live tab, then the source's rate set: the group's lag holds all twenty.
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
        // The depth chart of the topic draws the lag the cluster reported while the run goes.
        fx(() -> {
            window.state().select(Selection.ofNodes(Set.of("jobs")));
            Tab charts = live.chartsTab();
            charts.getTabPane().getSelectionModel().select(charts);
            return null;
        });
        waitUntil(() -> drawnLag() == 20);
        ui.showInTab("workers", "tab-live");
        ui.click(robot, "#live-add-instance");
        ui.click(robot, "#live-pause-consumer"); // now "Resume"
        waitUntil(() -> live.run().latest().node("workers").completed() == 20);
        waitUntil(() -> live.run().latest().node("jobs").depth() == 0);
        assertThat(dialogs.errors).isEmpty();
        // What Kafka cannot do is disabled and says why: a real broker does not trace one message.
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
    void kafkaAtAsksForTheServersAndUserAndRemembersThemWithoutThePassword(FxRobot robot) throws Exception {
        dialogs.logins.add(new BrokerLogin("kafka://127.0.0.1:19092", "alice", "s3cret-pass"));
        dialogs.logins.add(new BrokerLogin("127.0.0.1:19092", "alice", "s3cret-pass"));
        choose(robot, "Kafka at…");
        waitUntil(() -> robot.lookup("#run-on").queryAs(ComboBox.class).getValue() == RunOn.Place.KAFKA);
        assertThat(dialogs.errors).singleElement().asString().startsWith("Run on Kafka: ")
                .contains("is not a Kafka bootstrap server");
        assertThat(dialogs.loginsAsked).containsExactly(" at 127.0.0.1:9092", "alice at kafka://127.0.0.1:19092");
        // Kafka's own question: TLS off and no CA file, both times (TLS is RunOnKafkaTlsTest's).
        assertThat(dialogs.kafkaTlsOffered).containsExactly("false ", "false ");
        AppSettings settings = new AppSettings(new AppHome(home));
        assertThat(settings.text(RunOn.KAFKA_BOOTSTRAP_KEY, "")).isEqualTo("127.0.0.1:19092");
        assertThat(settings.text(RunOn.KAFKA_USER_KEY, "")).isEqualTo("alice");
        assertThat(fx(() -> live.run().infoProperty().get())).doesNotContain("s3cret");
        ui.assertNoFileHolds("s3cret");
    }

    @Test
    void noKafkaAtTheServersSaysWhatToDoInTheAppsWords(FxRobot robot) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        dialogs.login = new BrokerLogin("127.0.0.1:" + port, "", "");
        choose(robot, "Kafka at…");
        waitUntil(() -> robot.lookup("#run-on").queryAs(ComboBox.class).getValue() == RunOn.Place.KAFKA);
        robot.clickOn("#run-play");
        waitUntil(() -> live.run().noticeProperty().get().contains("no Kafka broker answered"));
        // The command line's option means nothing here: the sentence names the app's own question.
        assertThat(fx(() -> live.run().noticeProperty().get())).contains("127.0.0.1:" + port)
                .contains("choose Kafka at… again and give the address of a running one").doesNotContain("--kafka");
    }
}
