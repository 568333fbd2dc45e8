// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.FakeFileDialogs;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.engine.Simulation;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.engine.report.Reports;
import dev.pipewright.engine.report.RunReport;
import dev.pipewright.model.Flow;
import dev.pipewright.samples.SampleCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Tab;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The live view in the main window, driven as a person drives it: open a sample, press play,
 * pause, step, crash and restore a consumer, open the run summary. Waits poll with time-outs.
 */
@ExtendWith(ApplicationExtension.class)
class LiveViewTest {
    private static final long TIMEOUT_SECONDS = 20;
    private MainWindow window;
    private LiveView live;
    private Flow flow;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("pipewright-live");
        window = new MainWindow(stage, new AppHome(dir.resolve("home")), new FakeDialogs(), new FakeFileDialogs());
        stage.setWidth(1500);
        stage.setHeight(900);
        flow = SampleCatalog.all().stream().filter(s -> s.id().equals("competing-consumers")).findFirst()
                .orElseThrow().load();
        window.show(() -> window.documents().openUntitled(flow, "Competing consumers"));
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

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> fx(condition));
    }

    /** Waits for {@code n} animation frames to pass. */
    private static void frames(int n) throws Exception {
        CountDownLatch latch = new CountDownLatch(n);
        AnimationTimer[] timer = new AnimationTimer[1];
        fx(() -> {
            timer[0] = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    latch.countDown();
                }
            };
            timer[0].start();
            return null;
        });
        assertThat(latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        fx(() -> {
            timer[0].stop();
            return null;
        });
    }

    private void pauseAndSettle(FxRobot robot) throws Exception {
        robot.clickOn("#run-pause");
        CountDownLatch paused = new CountDownLatch(1);
        fx(() -> {
            live.run().pauseThen(paused::countDown);
            return null;
        });
        assertThat(paused.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        frames(3);
    }

    private Snapshot latest() throws Exception {
        return fx(() -> live.run().latest());
    }

    private long depth(String queue) throws Exception {
        return latest().node(queue).depth();
    }

    private Point2D cardOf(String nodeId) {
        javafx.scene.Node view = window.canvas().nodeView(nodeId).orElseThrow();
        Bounds b = view.localToScreen(view.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    private String dotPositions() throws Exception {
        return fx(() -> LiveViewProbe.dotState(live));
    }

    /**
     * Dark (text) pixels where a card's rate pill is painted: the right half of its top edge. The
     * card itself has only its light fill and a thin grey border there.
     */
    private int darkPixelsInPill(String nodeId) throws Exception {
        return fx(() -> {
            javafx.scene.Node view = window.canvas().nodeView(nodeId).orElseThrow();
            Bounds card = view.localToScene(view.getBoundsInLocal());
            javafx.scene.image.WritableImage shot = window.scene().snapshot(null);
            int dark = 0;
            for (int x = (int) (card.getMinX() + card.getWidth() / 2); x < (int) card.getMaxX() - 4; x++) {
                for (int y = (int) card.getMinY() - 8; y <= (int) card.getMinY() + 6; y++) {
                    if (shot.getPixelReader().getColor(x, y).getBrightness() < 0.45) {
                        dark++;
                    }
                }
            }
            return dark;
        });
    }

    @Test
    void playShowsRatesDepthsAndMovingDotsOnTheCanvas(FxRobot robot) throws Exception {
        assertThat(darkPixelsInPill("orders")).as("no pill before the run").isLessThan(3);
        robot.clickOn("#run-play");
        waitUntil(() -> LiveViewProbe.pillText(live, "orders").contains("queued")
                && LiveViewProbe.pillText(live, "orders").endsWith("/s")
                && LiveViewProbe.wireRateText(live, "e1").endsWith("/s") && LiveViewProbe.dotCount(live) > 0
                && live.run().latest().time() > 1);
        pauseAndSettle(robot);
        // what the card says is what the engine says
        Snapshot s = latest();
        assertThat(fx(() -> LiveViewProbe.pillText(live, "orders"))).startsWith(s.node("orders").depth() + " queued");
        assertThat(fx(() -> robot.lookup("#run-time").queryLabeled().getText())).isEqualTo(LiveFormat.elapsed(s.time()));
        assertThat(fx(() -> robot.lookup("#run-conservation").queryLabeled().getText()))
                .isEqualTo(LiveFormat.conservationShort(s.conservation()));
        assertThat(s.conservation().holds()).isTrue();
        // and the pill is painted on the card, not only kept as text
        assertThat(darkPixelsInPill("orders")).as("the pill's text on screen").isGreaterThan(10);
    }

    @Test
    void pausedNothingMovesAndOneStepIsExactlyOneEvent(FxRobot robot) throws Exception {
        robot.clickOn("#run-play");
        waitUntil(() -> LiveViewProbe.dotCount(live) > 0 && live.run().latest().events() > 100);
        pauseAndSettle(robot);
        Snapshot before = latest();
        String dotsBefore = dotPositions();
        frames(10);
        assertThat(latest().time()).isEqualTo(before.time());
        assertThat(latest().events()).isEqualTo(before.events());
        assertThat(dotPositions()).isEqualTo(dotsBefore);

        robot.clickOn("#run-step");
        waitUntil(() -> live.run().latest().events() != before.events());
        frames(5);
        assertThat(latest().events()).isEqualTo(before.events() + 1);
    }

    @Test
    void crashingTheConsumersGrowsTheQueueAndRestoringThemDrainsIt(FxRobot robot) throws Exception {
        fx(() -> {
            live.run().speedProperty().set(SpeedChoice.paced(25));
            Tab tab = live.inspectorTab();
            tab.getTabPane().getSelectionModel().select(tab);
            return null;
        });
        robot.clickOn("#run-play");
        waitUntil(() -> live.run().latest().time() > 2);
        robot.clickOn(cardOf("order-processor"));
        waitUntil(() -> "order-processor".equals(inspectorNode()));
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#live-crash");
        }
        waitUntil(() -> live.run().latest().node("order-processor").crashed() == 3);
        waitUntil(() -> live.run().latest().node("orders").depth() > 300);
        waitUntil(() -> LiveViewProbe.health(live, "orders") != QueueHealth.Level.OK);
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#live-restore");
        }
        waitUntil(() -> live.run().latest().node("order-processor").crashed() == 0);
        long peak = depth("orders");
        waitUntil(() -> live.run().latest().node("orders").depth() < 20);
        assertThat(peak).isGreaterThan(20);
        assertThat(latest().conservation().holds()).isTrue();
    }

    private void showLiveTabOf(FxRobot robot, String nodeId) throws Exception {
        fx(() -> {
            Tab tab = live.inspectorTab();
            tab.getTabPane().getSelectionModel().select(tab);
            return null;
        });
        robot.clickOn(cardOf(nodeId));
        waitUntil(() -> nodeId.equals(inspectorNode()));
    }

    private javafx.scene.Node focusOwner() throws Exception {
        return fx(() -> window.scene().getFocusOwner());
    }

    @Test
    void crashAndRestoreKeepTheFocusOnTheButtonsAndLeaveTheSeedAlone(FxRobot robot) throws Exception {
        robot.clickOn("#run-play");
        waitUntil(() -> live.run().latest().time() > 1);
        showLiveTabOf(robot, "order-processor");

        robot.clickOn("#live-crash").clickOn("#live-crash");
        assertThat(focusOwner()).extracting(javafx.scene.Node::getId).isEqualTo("live-crash");
        robot.clickOn("#live-restore");
        assertThat(focusOwner()).extracting(javafx.scene.Node::getId).isEqualTo("live-restore");
        // Restoring the last crashed instance leaves nothing to restore: the focus moves to Crash, not away.
        robot.clickOn("#live-restore");
        assertThat(robot.lookup("#live-restore").query().isDisabled()).isTrue();
        assertThat(focusOwner()).extracting(javafx.scene.Node::getId).isEqualTo("live-crash");
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#live-crash");
        }
        assertThat(robot.lookup("#live-crash").query().isDisabled()).as("every instance is down").isTrue();
        assertThat(focusOwner()).extracting(javafx.scene.Node::getId).isEqualTo("live-restore");

        assertThat(robot.lookup("#run-seed").queryTextInputControl().getText()).isEqualTo("42");
        assertThat(fx(() -> live.run().seedProperty().get())).isEqualTo(42L);
    }

    /** Clicks into a field and selects its text with the keyboard (a double-click's timing is the machine's). */
    private static FxRobot selectAll(FxRobot robot, javafx.scene.control.TextField field) {
        robot.clickOn(field).push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A);
        return robot;
    }

    @Test
    void theSeedIsAlwaysAWholeNumber(FxRobot robot) throws Exception {
        javafx.scene.control.TextField seed = robot.lookup("#run-seed").queryAs(javafx.scene.control.TextField.class);
        selectAll(robot, seed).eraseText(1).type(javafx.scene.input.KeyCode.ENTER);
        assertThat(seed.getText()).as("an empty seed goes back to the last one").isEqualTo("42");

        selectAll(robot, seed).write("x7").type(javafx.scene.input.KeyCode.ENTER);
        assertThat(seed.getText()).isEqualTo("7");
        assertThat(fx(() -> live.run().seedProperty().get())).isEqualTo(7L);

        selectAll(robot, seed).eraseText(1).write("-");
        robot.clickOn(cardOf("orders")); // leaving the field with "-" in it
        assertThat(seed.getText()).isEqualTo("7");
        assertThat(fx(() -> live.run().seedProperty().get())).isEqualTo(7L);
    }

    /** The text of every label of the hover card showing now, or empty when none shows; call on the FX thread. */
    private static String hoverCardText() {
        StringBuilder b = new StringBuilder();
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w instanceof javafx.scene.control.Tooltip t && t.isShowing() && t.getStyleClass().contains("live-hover-card")) {
                t.getScene().getRoot().lookupAll(".label").forEach(n -> {
                    if (n.isVisible()) {
                        b.append(((javafx.scene.control.Label) n).getText()).append('\n');
                    }
                });
            }
        }
        return b.toString();
    }

    @Test
    void restingThePointerOnANodeDuringARunShowsItsCounts(FxRobot robot) throws Exception {
        fx(() -> {
            live.run().play(); // as the app starts: playing before the pointer comes to the window
            return null;
        });
        waitUntil(() -> live.run().latest().time() > 1 && LiveViewProbe.dotCount(live) > 0);

        robot.moveTo(cardOf("orders")).moveBy(3, 2);
        waitUntil(() -> hoverCardText().contains("orders — Queue"));

        String card = fx(LiveViewTest::hoverCardText);
        assertThat(card).contains("In\n").contains("Depth\n").containsPattern("\\d+ +\\(\\d+(\\.\\d)?/s\\)");
        assertThat(fx(() -> live.run().playingProperty().get())).isTrue();
        // On a real screen a card window under the pointer takes the pointer off the node: the card closes at once.
        javafx.geometry.Point2D pointer = robot.point(cardOf("orders")).query().add(3, 2);
        javafx.geometry.Rectangle2D cardWindow = fx(() -> javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof javafx.scene.control.Tooltip t && t.isShowing())
                .map(w -> new javafx.geometry.Rectangle2D(w.getX(), w.getY(), w.getWidth(), w.getHeight()))
                .findFirst().orElseThrow());
        assertThat(cardWindow.contains(pointer)).as("card window %s holds the pointer %s", cardWindow, pointer).isFalse();
    }

    private String inspectorNode() {
        return window.scene().lookup("#live-inspector") instanceof LiveInspector i ? i.selectedNodeId() : null;
    }

    @Test
    void theRunSummaryIsTheEnginesOwnReportOpensOnTheScreenAndTheRunGoesOn(FxRobot robot) throws Exception {
        fx(() -> {
            live.run().speedProperty().set(SpeedChoice.paced(10));
            window.stage().setX(300); // the window's centre near the screen's right edge
            return null;
        });
        robot.clickOn("#run-play");
        waitUntil(() -> live.run().latest().time() > 3);
        fx(() -> {
            ((javafx.scene.control.Button) window.scene().lookup("#run-summary")).fire(); // the toolbar's Summary button
            return null;
        });
        waitUntil(() -> LiveViewProbe.summaryDialog(live).isPresent()
                && LiveViewProbe.summaryDialog(live).get().isShowing());
        TextArea table = fx(() -> (TextArea) LiveViewProbe.summaryDialog(live).get().getDialogPane()
                .lookup("#live-summary-text"));
        String shown = fx(table::getText);
        RunReport report = fx(() -> LiveViewProbe.summaryReport(live).orElseThrow());

        // The run goes on while the summary is open.
        assertThat(fx(() -> live.run().playingProperty().get())).isTrue();
        waitUntil(() -> live.run().latest().time() > report.virtualSeconds() + 1);
        // What it shows is what a separate run of the engine, same seed, to the same virtual time reports.
        Simulation replay = Simulation.create(flow, 42);
        replay.runUntil(report.virtualSeconds());
        assertThat(shown).isEqualTo(Reports.text(Reports.from(flow, replay.snapshot(), "paced", 42)));
        assertThat(fx(() -> robot.lookup("#live-summary-time").queryLabeled().getText()))
                .startsWith("As of " + LiveFormat.elapsed(report.virtualSeconds()));
        // Refresh catches up with the run.
        robot.clickOn("#live-summary-refresh");
        assertThat(fx(() -> LiveViewProbe.summaryReport(live).orElseThrow().virtualSeconds()))
                .isGreaterThan(report.virtualSeconds());
        String refreshed = fx(table::getText);
        assertThat(refreshed).isNotEqualTo(shown);

        // The table's columns line up: its font gives narrow and wide letters the same width.
        javafx.scene.text.Font font = fx(table::getFont);
        assertThat(width("iiiiiiiiii", font)).isEqualTo(width("WWWWWWWWWW", font));
        // It opens on the screen, centred on the window as far as the screen allows.
        javafx.geometry.Rectangle2D screen = fx(() -> javafx.stage.Screen.getPrimary().getVisualBounds());
        javafx.scene.control.Dialog<Void> dialog = LiveViewProbe.summaryDialog(live).orElseThrow();
        double[] box = fx(() -> new double[] {dialog.getX(), dialog.getY(), dialog.getWidth(), dialog.getHeight()});
        assertThat(box[0]).isGreaterThanOrEqualTo(screen.getMinX());
        assertThat(box[1]).isGreaterThanOrEqualTo(screen.getMinY());
        assertThat(box[0] + box[2]).isLessThanOrEqualTo(screen.getMaxX());
        assertThat(box[1] + box[3]).isLessThanOrEqualTo(screen.getMaxY());
        double ownerCentreY = fx(() -> window.stage().getY() + window.stage().getHeight() / 2);
        assertThat(box[1] + box[3] / 2).isCloseTo(ownerCentreY, org.assertj.core.data.Offset.offset(1.0));
        fx(() -> {
            dialog.close();
            return null;
        });
    }

    private static double width(String text, javafx.scene.text.Font font) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }
}
