// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import dev.pipewright.app.files.Dialogs;
import java.util.Objects;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Window;

/** The app's real dialogs: alerts owned by the main window, so they stay on top of it. */
final class FxDialogs implements Dialogs {
    static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
    static final ButtonType DONT_SAVE = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
    static final ButtonType RESTORE = new ButtonType("Restore", ButtonBar.ButtonData.YES);
    static final ButtonType DISCARD = new ButtonType("Discard", ButtonBar.ButtonData.NO);

    private final Window owner;

    FxDialogs(Window owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    @Override
    public SaveChoice askSaveChanges(String documentName) {
        Alert alert = alert(Alert.AlertType.CONFIRMATION, "Unsaved changes",
                "Save the changes to '" + documentName + "'?",
                "Your changes will be lost if you don't save them.", SAVE, DONT_SAVE, ButtonType.CANCEL);
        alert.getDialogPane().setId("save-changes-dialog");
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return SaveChoice.CANCEL;
        }
        return answer.get() == SAVE ? SaveChoice.SAVE : SaveChoice.DONT_SAVE;
    }

    @Override
    public boolean offerRecovery(String description) {
        Alert alert = alert(Alert.AlertType.CONFIRMATION, "Restore unsaved work",
                "Restore your unsaved work?", description, RESTORE, DISCARD);
        alert.getDialogPane().setId("recovery-dialog");
        return alert.showAndWait().orElse(DISCARD) == RESTORE;
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = alert(Alert.AlertType.ERROR, "Pipewright", title, message, ButtonType.OK);
        alert.getDialogPane().setId("error-dialog");
        alert.showAndWait();
    }

    private Alert alert(Alert.AlertType type, String windowTitle, String header, String content, ButtonType... buttons) {
        Alert alert = new Alert(type, "", buttons);
        alert.initOwner(owner);
        alert.setTitle(windowTitle);
        alert.setHeaderText(header);
        Label text = new Label(content);
        text.setWrapText(true);
        text.setMaxWidth(460);
        text.getStyleClass().add("dialog-message");
        text.setId("dialog-message");
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().setMinWidth(480);
        return alert;
    }
}
