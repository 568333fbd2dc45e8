// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * For the tests of the app's dialogs: a small window on TestFX's stage to own them, and a dialog
 * opened as the app opens it, on the FX thread, where it waits for its answer in a nested loop.
 */
final class DialogOwner {
    private static final long TIMEOUT_SECONDS = 60;

    private DialogOwner() {
    }

    /** Shows a small window on {@code stage}, the owner of the dialogs a test opens. */
    static void show(Stage stage) {
        stage.setScene(new Scene(new StackPane(new Label("owner")), 400, 300));
        stage.show();
    }

    /**
     * Opens the dialog {@code ask} shows (it returns the dialog's answer once it is closed) and
     * waits until the node {@code dialogId} shows; the future completes with the answer.
     */
    static <T> CompletableFuture<T> open(FxRobot robot, String dialogId, Supplier<T> ask) throws Exception {
        CompletableFuture<T> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(ask.get()));
        WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS,
                () -> robot.lookup(dialogId).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return answer;
    }

    /** The answer of a dialog {@link #open} opened, once it is closed. */
    static <T> T answerOf(CompletableFuture<T> answer) throws Exception {
        return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
