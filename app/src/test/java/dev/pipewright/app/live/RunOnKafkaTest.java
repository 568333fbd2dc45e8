// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static dev.pipewright.app.live.RunOnWindow.backToTheSimulator;
import static dev.pipewright.app.live.RunOnWindow.chooseAndWait;
import static dev.pipewright.app.live.RunOnWindow.chooseRealBroker;
import static dev.pipewright.app.live.RunOnWindow.freePort;
import static dev.pipewright.app.live.RunOnWindow.fx;
import static dev.pipewright.app.live.RunOnWindow.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.files.BrokerLogin;
import dev.pipewright.brokers.kafka.KraftCluster;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Consumer;
import java.util.Map;
import java.util.Set;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

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
    @RegisterExtension
    static final KraftCluster cluster = new KraftCluster();
    private final FakeDialogs dialogs = new FakeDialogs();
    @RegisterExtension
    final RunOnWindow ui = new RunOnWindow(dialogs, RunOnWindow.twentyJobs("Twenty records", Broker.KAFKA,
            q -> q.with("partitions", 3), c -> c.with("ackMode", Consumer.AckMode.MANUAL)));

    /** The last value of the lag line on the depth chart, or -1 when it has none. */
    private long drawnLag() {
        for (javafx.scene.Node n : ui.window().scene().getRoot().lookupAll(".live-chart")) {
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
        chooseRealBroker(robot, "Kafka at…");
        // The source starts at rate 0, so nothing is sent before the consumer is paused.
        robot.clickOn("#run-play");
        ui.awaitRun("Kafka");
        waitUntil(() -> ui.live().run().infoProperty().get()
                .startsWith("Connected to Kafka at " + cluster.bootstrapServers()));
        // The group's lag holds all twenty.
        ui.pauseTheConsumerAndSendTwenty(robot);
        // The depth chart of the topic draws the lag the cluster reported while the run goes.
        fx(() -> {
            ui.window().state().select(Selection.ofNodes(Set.of("jobs")));
            Tab charts = ui.live().chartsTab();
            charts.getTabPane().getSelectionModel().select(charts);
            return null;
        });
        waitUntil(() -> drawnLag() == 20);
        ui.addAnInstanceAndResume(robot);
        waitUntil(() -> ui.live().run().latest().node("jobs").depth() == 0);
        assertThat(dialogs.errors).isEmpty();
        ui.assertPublishOneIsRefused();
        ui.assertTwentyThrough("jobs");
        backToTheSimulator(robot);
    }

    @Test
    void kafkaAtAsksForTheServersAndUserAndRemembersThemWithoutThePassword(FxRobot robot) throws Exception {
        dialogs.logins.add(new BrokerLogin("kafka://127.0.0.1:19092", "alice", "s3cret-pass"));
        dialogs.logins.add(new BrokerLogin("127.0.0.1:19092", "alice", "s3cret-pass"));
        chooseAndWait(robot, "Kafka at…", RunOn.Place.KAFKA);
        assertThat(dialogs.errors).singleElement().asString().startsWith("Run on Kafka: ")
                .contains("is not a Kafka bootstrap server");
        assertThat(dialogs.loginsAsked).containsExactly(" at 127.0.0.1:9092", "alice at kafka://127.0.0.1:19092");
        // Kafka's own question: TLS off and no CA file, both times (TLS is RunOnKafkaTlsTest's).
        assertThat(dialogs.kafkaTlsOffered).containsExactly("false ", "false ");
        ui.assertRememberedWithout("s3cret", Map.of(RunOn.KAFKA_BOOTSTRAP_KEY, "127.0.0.1:19092",
                RunOn.KAFKA_USER_KEY, "alice"));
    }

    @Test
    void noKafkaAtTheServersSaysWhatToDoInTheAppsWords(FxRobot robot) throws Exception {
        int port = freePort();
        dialogs.login = new BrokerLogin("127.0.0.1:" + port, "", "");
        chooseAndWait(robot, "Kafka at…", RunOn.Place.KAFKA);
        robot.clickOn("#run-play");
        // The command line's option means nothing here: the sentence names the app's own question.
        assertThat(ui.awaitNotice("no Kafka broker answered")).contains("127.0.0.1:" + port)
                .contains("choose Kafka at… again and give the address of a running one").doesNotContain("--kafka");
    }
}
