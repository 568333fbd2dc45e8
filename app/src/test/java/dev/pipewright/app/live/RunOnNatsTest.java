// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static dev.pipewright.app.live.RunOnWindow.choose;
import static dev.pipewright.app.live.RunOnWindow.fx;
import static dev.pipewright.app.live.RunOnWindow.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.AppSettings;
import dev.pipewright.app.files.BrokerLogin;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.brokers.nats.NatsTarget;
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
 * "Run on" NATS in the main window, as a person uses it, on the local nats-server with JetStream
 * (127.0.0.1:4222; skipped when none answers, failed then under PIPEWRIGHT_REQUIRE_BROKERS=1):
 * choose "NATS at…", give the server URL, press play on a small flow, pause its consumer by hand
 * and see the twenty messages wait in the stream (its durable's pending count, the server's
 * figure), add an instance and resume, and see them all completed; the URL and user are
 * remembered, the password never. Waits poll with a generous time-out.
 */
@ExtendWith(ApplicationExtension.class)
class RunOnNatsTest {
    private final FakeDialogs dialogs = new FakeDialogs();
    private RunOnWindow ui;
    private MainWindow window;
    private LiveView live;
    private Path home;

    @Start
    void start(Stage stage) throws Exception {
        ui = RunOnWindow.open(stage, dialogs, "pipewright-runon-nats", flow(), "Twenty messages");
        window = ui.window;
        live = ui.live;
        home = ui.home;
    }

    @AfterEach
    void stop() throws Exception {
        ui.close();
    }

    /** Skips (or fails, under PIPEWRIGHT_REQUIRE_BROKERS=1) when no NATS server answers at the local address. */
    private static void needsTheServer() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", 4222), 2_000);
        } catch (java.io.IOException e) {
            String why = "no NATS server at " + NatsTarget.LOCAL + "; start nats-server -js";
            if ("1".equals(System.getenv("PIPEWRIGHT_REQUIRE_BROKERS"))) {
                fail(why);
            }
            assumeTrue(false, why + "; skipped");
        }
    }

    /** Twenty messages (at the rate set while it runs) into a stream, read by a durable consumer taking 5 ms each. */
    static Flow flow() {
        Node source = Source.of("src", "payments-in", new Position(80, 200)).with("rate", 0.0)
                .with("arrival", Source.Arrival.CONSTANT).with("messageLimit", 20L);
        Node stream = Queue.of("jobs", "jobs", new Position(340, 200));
        Node consumer = Consumer.of("workers", "workers", new Position(600, 200))
                .with("ackMode", Consumer.AckMode.MANUAL)
                .with("processingTime", Distribution.constant(Duration.ofMillis(5)));
        return new Flow(new FlowInfo("Twenty messages", "", Broker.NATS), List.of(source, stream, consumer), List.of(
                Edge.of("e1", "src", Port.OUT, "jobs"), Edge.of("e2", "jobs", Port.OUT, "workers")));
    }

    @Test
    void natsAtRunsTheFlowAndAPausedConsumerLeavesTheMessagesPendingInTheStream(FxRobot robot) throws Exception {
        needsTheServer();
        dialogs.login = new BrokerLogin(NatsTarget.LOCAL, "", "");
        choose(robot, "NATS at…");
        waitUntil(() -> robot.lookup("#run-step").queryAs(Button.class).isDisabled());
        assertThat(fx(() -> robot.lookup("#run-speed").queryAs(ComboBox.class).isDisabled())).isTrue();
        // The source starts at rate 0, so nothing is published before the consumer is paused.
        robot.clickOn("#run-play");
        ui.awaitRun("NATS");
        waitUntil(() -> live.run().infoProperty().get().startsWith("Connected to NATS server at " + NatsTarget.LOCAL));
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
        waitUntil(() -> live.run().latest().node("jobs").depth() == 0);
        assertThat(dialogs.errors).isEmpty();
        Snapshot s = fx(() -> live.run().latest());
        assertThat(s.node("src").out()).isEqualTo(20);
        assertThat(s.node("jobs").in()).isEqualTo(20);
        assertThat(s.conservation().holds()).isTrue();
        choose(robot, "Simulator");
        waitUntil(() -> !robot.lookup("#run-step").queryAs(Button.class).isDisabled());
    }

    @Test
    void natsAtAsksForTheUrlAndUserAndRemembersThemWithoutThePassword(FxRobot robot) throws Exception {
        dialogs.logins.add(new BrokerLogin("127.0.0.1:4222", "alice", "s3cret-pass"));
        dialogs.logins.add(new BrokerLogin("nats://127.0.0.1:14222", "alice", "s3cret-pass"));
        choose(robot, "NATS at…");
        waitUntil(() -> robot.lookup("#run-on").queryAs(ComboBox.class).getValue() == RunOn.Place.NATS);
        assertThat(dialogs.errors).singleElement().asString().startsWith("Run on NATS: ")
                .contains("is not a NATS address").contains("nats://HOST:PORT");
        assertThat(dialogs.loginsAsked).containsExactly(" at nats://127.0.0.1:4222", "alice at 127.0.0.1:4222");
        assertThat(dialogs.caFilesOffered).containsOnlyNulls();
        AppSettings settings = new AppSettings(new AppHome(home));
        assertThat(settings.text(RunOn.NATS_URL_KEY, "")).isEqualTo("nats://127.0.0.1:14222");
        assertThat(settings.text(RunOn.NATS_USER_KEY, "")).isEqualTo("alice");
        assertThat(fx(() -> live.run().infoProperty().get())).doesNotContain("s3cret");
        ui.assertNoFileHolds("s3cret");
    }

    @Test
    void noServerAtTheUrlSaysWhatToDo(FxRobot robot) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        dialogs.login = new BrokerLogin("nats://127.0.0.1:" + port, "", "");
        choose(robot, "NATS at…");
        waitUntil(() -> robot.lookup("#run-on").queryAs(ComboBox.class).getValue() == RunOn.Place.NATS);
        robot.clickOn("#run-play");
        waitUntil(() -> live.run().noticeProperty().get().contains("nothing answers there"));
        assertThat(fx(() -> live.run().noticeProperty().get())).contains("nats://127.0.0.1:" + port)
                .contains("nats-server -js").doesNotContain("\n");
    }
}
