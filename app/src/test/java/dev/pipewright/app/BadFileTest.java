// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.Samples;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.model.Flow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.DialogPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Opening a broken file shows the real error dialog in a person's words, and the app goes on. */
@ExtendWith(ApplicationExtension.class)
class BadFileTest {
    private MainWindow window;
    private Path dir;
    private final FakeFileDialogs files = new FakeFileDialogs();

    @Start
    void start(Stage stage) throws IOException {
        dir = Files.createTempDirectory("pipewright-bad");
        window = new MainWindow(stage, new AppHome(dir.resolve("home")), null, files);
        window.show(() -> window.documents().openUntitled(Samples.find("point-to-point").orElseThrow().flow().get(),
                "Point-to-point"));
    }

    @Test
    void aTruncatedFileGivesADialogNamingTheFileAndPlaceNotACrash(FxRobot robot) throws IOException {
        Flow before = window.state().flow();
        Path bad = dir.resolve("broken.flow.json");
        Files.writeString(bad, "{\n  \"format\": \"pipewright-flow\",\n  \"version\": 1,\n  \"nodes\": [\n");
        files.toOpen = bad;

        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        DialogPane dialog = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertThat(dialog.getHeaderText()).isEqualTo("Could not open broken.flow.json");
        String message = robot.lookup("#dialog-message").queryLabeled().getText();
        assertThat(message).contains("broken.flow.json").doesNotContain("Exception");
        robot.clickOn("OK");

        assertThat(window.state().flow()).isEqualTo(before);
        assertThat(window.stage().getTitle()).isEqualTo("Point-to-point — Pipewright");
    }
}
