// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.FakeFileDialogs;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.AppSettings;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window of a "Run on" test, driven as a person drives it: before each test a flow open
 * at a new app home on TestFX's stage, after it the live view and its run closed (register it with
 * {@code @RegisterExtension} in a test that also has TestFX's {@code ApplicationExtension}); calls on
 * the FX thread, waits that poll with a generous time-out, buttons pressed and side tabs shown, the
 * steps the brokers' tests share, and the check that no file of the home holds a secret.
 */
final class RunOnWindow implements BeforeEachCallback, AfterEachCallback {
    static final long TIMEOUT_SECONDS = 60;
    private final FakeDialogs dialogs;
    private final Flow flow;
    private MainWindow window;
    private Path home;

    /** Opens {@code flow}, named as its info names it, with {@code dialogs} answering the window's questions. */
    RunOnWindow(FakeDialogs dialogs, Flow flow) {
        this.dialogs = dialogs;
        this.flow = flow;
    }

    /**
     * Twenty messages (at the rate set while it runs, 0 at first) from {@code src} into the queue
     * {@code jobs}, read by {@code workers} taking 5 ms each; {@code queue} and {@code consumer}
     * add what the broker's test needs to those two nodes.
     */
    static Flow twentyJobs(String title, Broker broker, UnaryOperator<Node> queue, UnaryOperator<Node> consumer) {
        Node source = Source.of("src", "jobs-in", new Position(80, 200)).with("rate", 0.0)
                .with("arrival", Source.Arrival.CONSTANT).with("messageLimit", 20L);
        Node jobs = queue.apply(Queue.of("jobs", "jobs", new Position(340, 200)));
        Node workers = consumer.apply(Consumer.of("workers", "workers", new Position(600, 200))
                .with("processingTime", Distribution.constant(Duration.ofMillis(5))));
        return new Flow(new FlowInfo(title, "", broker), List.of(source, jobs, workers), List.of(
                Edge.of("e1", "src", Port.OUT, "jobs"), Edge.of("e2", "jobs", Port.OUT, "workers")));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        home = Files.createTempDirectory("pipewright-runon").resolve("home");
        Stage stage = FxToolkit.registerPrimaryStage();
        window = fx(() -> {
            MainWindow w = new MainWindow(stage, new AppHome(home), dialogs, new FakeFileDialogs());
            stage.setWidth(1500);
            stage.setHeight(900);
            w.show(() -> w.documents().openUntitled(flow, flow.info().name()));
            return w;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (window != null) {
            fx(() -> {
                window.live().close();
                return null;
            });
        }
    }

    MainWindow window() {
        return window;
    }

    LiveView live() {
        return window.live();
    }

    /** The app home of this test, new for it. */
    Path home() {
        return home;
    }

    static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
    }

    /** Chooses {@code place} in the toolbar's "Run on". */
    static void choose(FxRobot robot, String place) {
        robot.clickOn("#run-on");
        robot.clickOn(place);
    }

    /** Chooses {@code label} in "Run on" and waits until the toolbar shows {@code place} chosen (or kept). */
    static void chooseAndWait(FxRobot robot, String label, RunOn.Place place) throws Exception {
        choose(robot, label);
        waitUntil(() -> robot.lookup("#run-on").queryAs(ComboBox.class).getValue() == place);
    }

    /** Chooses the real broker {@code label}: it cannot step nor change its speed, and the step button says so. */
    static void chooseRealBroker(FxRobot robot, String label) throws Exception {
        choose(robot, label);
        waitUntil(() -> robot.lookup("#run-step").queryAs(Button.class).isDisabled());
        assertThat(fx(() -> robot.lookup("#run-speed").queryAs(ComboBox.class).isDisabled())).isTrue();
        assertThat(fx(() -> robot.lookup("#run-step").queryAs(Button.class).getTooltip().getText()))
                .contains("real broker cannot step");
    }

    /** Back to the simulator: the broker's run stops and stepping is possible again. */
    static void backToTheSimulator(FxRobot robot) throws Exception {
        choose(robot, "Simulator");
        waitUntil(() -> !robot.lookup("#run-step").queryAs(Button.class).isDisabled());
    }

    /** A local port where nothing listens (free a moment ago). */
    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    <T extends javafx.scene.Node> T find(String id, Class<T> type) throws Exception {
        return fx(() -> type.cast(window.scene().lookup(id)));
    }

    /** Presses button {@code id}, which must be there and enabled. */
    void click(FxRobot robot, String id) throws Exception {
        Button b = find(id, Button.class);
        assertThat(b).as(id).isNotNull();
        assertThat(b.isDisabled()).as(id + " is enabled").isFalse();
        robot.interact(b::fire);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Selects the node and shows the side tab {@code tabId} (the Live tab, where its faults are buttons: {@code tab-live}). */
    void showInTab(String nodeId, String tabId) throws Exception {
        fx(() -> {
            window.state().select(Selection.ofNodes(Set.of(nodeId)));
            TabPane side = (TabPane) window.scene().lookup("#side-tabs");
            side.getSelectionModel().select(side.getTabs().stream().filter(t -> tabId.equals(t.getId()))
                    .findFirst().orElseThrow());
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits for the run's first counts; without them, fails with what the app says about the run on {@code where}. */
    void awaitRun(String where) throws Exception {
        try {
            waitUntil(() -> live().run().latest() != null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no run on " + where + "; the app says: " + fx(() -> live().run().infoProperty().get()
                    + " / " + live().run().noticeProperty().get()), e);
        }
    }

    /**
     * On a {@link #twentyJobs} flow that runs: the consumer paused by hand in the Live tab, then the
     * source's rate set, so all twenty wait in {@code jobs} as the broker counts them and none
     * reached the consumer.
     */
    void pauseTheConsumerAndSendTwenty(FxRobot robot) throws Exception {
        showInTab("workers", "tab-live");
        click(robot, "#live-pause-consumer");
        showInTab("src", "tab-live");
        fx(() -> {
            @SuppressWarnings("unchecked")
            Spinner<Double> rate = (Spinner<Double>) window.scene().lookup("#live-rate");
            rate.getValueFactory().setValue(40.0);
            return null;
        });
        waitUntil(() -> live().run().latest().node("jobs").depth() == 20);
        assertThat(fx(() -> live().run().latest().node("workers").in())).isZero();
    }

    /** After {@link #pauseTheConsumerAndSendTwenty}: an instance added and the consumer resumed, twenty completed. */
    void addAnInstanceAndResume(FxRobot robot) throws Exception {
        showInTab("workers", "tab-live");
        click(robot, "#live-add-instance");
        click(robot, "#live-pause-consumer"); // now "Resume"
        waitUntil(() -> live().run().latest().node("workers").completed() == 20);
    }

    /** What a real broker cannot do is disabled and says why: it does not trace one message. */
    void assertPublishOneIsRefused() throws Exception {
        showInTab("src", "tab-live");
        Button publishOne = find("#live-publish-one", Button.class);
        assertThat(publishOne.isDisabled()).isTrue();
        assertThat(publishOne.getTooltip().getText()).contains("real broker does not trace");
    }

    /** The latest counts say twenty left {@code src} and entered {@code queue}, and every message is accounted for. */
    void assertTwentyThrough(String queue) throws Exception {
        Snapshot s = fx(() -> live().run().latest());
        assertThat(s.node("src").out()).isEqualTo(20);
        assertThat(s.node(queue).in()).isEqualTo(20);
        assertThat(s.conservation().holds()).isTrue();
    }

    /** Waits until the run's notice holds {@code part} and returns the notice. */
    String awaitNotice(String part) throws Exception {
        waitUntil(() -> live().run().noticeProperty().get().contains(part));
        return fx(() -> live().run().noticeProperty().get());
    }

    /**
     * The app home's settings hold {@code remembered} (each key's text), and neither the run's info
     * line nor any file under the home holds {@code secret}.
     */
    void assertRememberedWithout(String secret, Map<String, String> remembered) throws Exception {
        AppSettings settings = new AppSettings(new AppHome(home));
        remembered.forEach((key, text) -> assertThat(settings.text(key, "")).as(key).isEqualTo(text));
        assertThat(fx(() -> live().run().infoProperty().get())).doesNotContain(secret);
        assertNoFileHolds(secret);
    }

    /** No file under the app home holds {@code secret}. */
    void assertNoFileHolds(String secret) throws IOException {
        try (var files = Files.walk(home)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(p)).as(p.toString()).doesNotContain(secret);
            }
        }
    }
}
