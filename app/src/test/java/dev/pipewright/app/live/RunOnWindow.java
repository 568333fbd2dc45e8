// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.FakeDialogs;
import dev.pipewright.app.FakeFileDialogs;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.model.Flow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window of a "Run on" test, driven as a person drives it: a flow open at a new app
 * home, calls on the FX thread, waits that poll with a generous time-out, buttons pressed and
 * side tabs shown, and the check that no file of the home holds a secret.
 */
final class RunOnWindow {
    static final long TIMEOUT_SECONDS = 60;
    final MainWindow window;
    final LiveView live;
    final Path home;

    private RunOnWindow(MainWindow window, Path home) {
        this.window = window;
        this.live = window.live();
        this.home = home;
    }

    /** The main window on {@code stage}, at a new home named after {@code homePrefix}, with {@code flow} open as {@code name}. */
    static RunOnWindow open(Stage stage, FakeDialogs dialogs, String homePrefix, Flow flow, String name) throws IOException {
        Path home = Files.createTempDirectory(homePrefix).resolve("home");
        MainWindow window = new MainWindow(stage, new AppHome(home), dialogs, new FakeFileDialogs());
        stage.setWidth(1500);
        stage.setHeight(900);
        window.show(() -> window.documents().openUntitled(flow, name));
        return new RunOnWindow(window, home);
    }

    /** Closes the live view and the run it holds. */
    void close() throws Exception {
        fx(() -> {
            live.close();
            return null;
        });
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
            waitUntil(() -> live.run().latest() != null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no run on " + where + "; the app says: " + fx(() -> live.run().infoProperty().get()
                    + " / " + live.run().noticeProperty().get()), e);
        }
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
