// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipewright.app.files.AppHome;
import dev.pipewright.app.files.RecoveryStore;
import dev.pipewright.app.files.Samples;
import dev.pipewright.app.shell.MainWindow;
import dev.pipewright.model.Flow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * After a crash the next start offers the autosaved work. The crash is simulated by leaving a
 * recovery file in the app's home before the window starts; the dialog's answer comes from a fake.
 */
@ExtendWith(ApplicationExtension.class)
class CrashRecoveryTest {
    private MainWindow window;
    private Flow unsaved;
    private Path home;
    private final FakeDialogs dialogs = new FakeDialogs();

    @Start
    void start(Stage stage) throws IOException {
        home = Files.createTempDirectory("pipewright-crash");
        unsaved = Samples.find("competing-consumers").orElseThrow().flow().get();
        new RecoveryStore(new AppHome(home)).write("untitled", null, unsaved);
        window = new MainWindow(stage, new AppHome(home), dialogs, new FakeFileDialogs());
    }

    @Test
    void theNextStartOffersToRestoreTheAutosavedFlowAndRestoresItAsUnsaved(FxRobot robot) {
        robot.interact(() -> window.show(() -> window.documents().newFlow()));

        assertThat(dialogs.recoveryOffers).singleElement().asString()
                .startsWith("Pipewright found unsaved changes to the untitled flow '" + unsaved.info().name() + "', autosaved on ");
        assertThat(window.state().flow()).isEqualTo(unsaved);
        assertThat(window.state().modifiedProperty().get()).isTrue();
        assertThat(window.stage().getTitle()).startsWith("• ");
    }

    @Test
    void discardingTheOfferDeletesTheRecoveryFileAndStartsAsUsual(FxRobot robot) {
        dialogs.restoreAnswer = false;

        robot.interact(() -> window.show(() -> window.documents().newFlow()));

        assertThat(dialogs.recoveryOffers).hasSize(1);
        assertThat(window.state().flow().nodes()).isEmpty();
        assertThat(home.resolve("recovery").resolve("untitled.flow.json")).doesNotExist();
    }
}
