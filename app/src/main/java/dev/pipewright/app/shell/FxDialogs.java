// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import dev.pipewright.app.files.BrokerLogin;
import dev.pipewright.app.files.Dialogs;
import dev.pipewright.app.files.SqsLogin;
import dev.pipewright.model.check.Finding;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
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

    @Override
    public boolean previewExport(String title, String text, List<Finding> warnings) {
        ButtonType saveAs = new ButtonType("Save As…", ButtonBar.ButtonData.OK_DONE);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Pipewright");
        dialog.setHeaderText(title);
        dialog.setResizable(true);
        TextArea preview = new TextArea(text);
        preview.setEditable(false);
        preview.setId("export-preview");
        preview.getStyleClass().add("export-preview");
        preview.setPrefSize(760, 400);
        preview.setStyle("-fx-font-family: monospace;");
        VBox.setVgrow(preview, Priority.ALWAYS);
        VBox content = new VBox(8);
        if (!warnings.isEmpty()) {
            Label heading = new Label(warnings.size() == 1 ? "1 thing this format leaves out or changes:"
                    : warnings.size() + " things this format leaves out or changes:");
            // Warnings first, then what is only application code; each line wraps, none is cut off.
            VBox lines = new VBox(4);
            lines.setId("export-warnings");
            warnings.stream().sorted(Comparator.comparing(Finding::severity)).forEach(f -> {
                Label line = new Label(line(f));
                line.setWrapText(true);
                // A wrapping label asks for its whole text's width; a fixed one keeps the dialog on screen.
                line.setPrefWidth(730);
                line.getStyleClass().add("export-warning-" + f.severity().word());
                lines.getChildren().add(line);
            });
            ScrollPane scroll = new ScrollPane(lines);
            scroll.setPrefViewportWidth(740);
            scroll.setFitToWidth(true);
            scroll.setPrefViewportHeight(Math.min(140, 22.0 * warnings.size() * 2));
            content.getChildren().addAll(heading, scroll);
        }
        content.getChildren().add(preview);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(saveAs, ButtonType.CANCEL);
        dialog.getDialogPane().setId("export-preview-dialog");
        return dialog.showAndWait().orElse(ButtonType.CANCEL) == saveAs;
    }

    @Override
    public Optional<String> chooseOne(String title, String question, List<String> choices) {
        ChoiceDialog<String> dialog = new ChoiceDialog<>(choices.getFirst(), choices);
        dialog.initOwner(owner);
        dialog.setTitle("Pipewright");
        dialog.setHeaderText(title);
        dialog.setContentText(question);
        dialog.getDialogPane().setId("choose-one-dialog");
        return dialog.showAndWait();
    }

    @Override
    public Optional<BrokerLogin> askBrokerLogin(String url, String user) {
        return askLogin("Import from a running RabbitMQ", "Management API", url, user, null, null, false, "Import",
                "The password is used once and never saved. The management plugin must be"
                        + " enabled (rabbitmq-plugins enable rabbitmq_management).");
    }

    @Override
    public Optional<BrokerLogin> askRunOn(String broker, String url, String user, String caFile,
                                          String passwordVariable, boolean keyring) {
        return askRunOn(broker, url, user, null, caFile, passwordVariable, keyring);
    }

    @Override
    public Optional<BrokerLogin> askKafkaRunOn(String servers, String user, boolean tls, String caFile,
                                               String passwordVariable, boolean keyring) {
        return askRunOn("Kafka", servers, user, tls, caFile, passwordVariable, keyring);
    }

    /** The Run on question; {@code tls} null leaves out the "Use TLS" box (the address says it, or there is none). */
    private Optional<BrokerLogin> askRunOn(String broker, String url, String user, Boolean tls, String caFile,
                                           String passwordVariable, boolean keyring) {
        return askLogin("Run the flow on " + broker, switch (broker) {
            case "Kafka" -> "Bootstrap servers";
            case "NATS" -> "Server URL";
            default -> "Address";
        }, url, user, tls, caFile, keyring, "Connect",
                (broker.equals("RabbitMQ") ? "For a cluster, list its nodes: amqp://rabbit1:5672,rabbit2:5672/%2F. " : "")
                + (broker.equals("Kafka") ? "Give the bootstrap servers as host:port[,host:port]. Leave the"
                        + " user empty for a cluster without login; with one, the user and password log in with"
                        + " SASL/PLAIN. " : "")
                + (broker.equals("NATS") ? "Give the server as nats://HOST:PORT (started with JetStream: nats-server"
                        + " -js). Leave the user and password empty for a server without login; give a user and"
                        + " password, or a token alone in the password field. " : "")
                + (tls != null ? "Use TLS connects to the cluster's SSL listener (SASL_SSL with a user), trusting"
                        + " the CA certificate file (PEM) when one is given, else Java's certificate authorities. "
                        : caFile != null ? "An amqps:// address trusts the CA certificate file (PEM) when one is given,"
                        + " else Java's certificate authorities. " : "")
                + (keyring ? "The password is never saved in Pipewright's files; tick the box to keep it in the"
                        + " desktop's keyring. Left empty, it comes from the keyring, else from " + passwordVariable + ". "
                        : "The password is used for this run and never saved; leave it empty to take it from "
                        + passwordVariable + ". ") + whatTheRunLeaves(broker));
    }

    @Override
    public Optional<SqsLogin> askSqsRunOn(String url, String region, String accessKeyId, boolean keyring) {
        Dialog<SqsLogin> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Pipewright");
        dialog.setHeaderText("Run the flow on SQS");
        TextField urlField = new TextField(url);
        urlField.setId("sqs-url");
        urlField.setPrefColumnCount(28);
        TextField regionField = new TextField(region);
        regionField.setId("sqs-region");
        regionField.setPromptText("the endpoint's, else us-east-1");
        TextField keyField = new TextField(accessKeyId);
        keyField.setId("sqs-key-id");
        keyField.setPromptText("empty: AWS_ACCESS_KEY_ID or a dummy one");
        PasswordField secret = new PasswordField();
        secret.setId("sqs-secret");
        GridPane grid = new GridPane(10, 8);
        grid.addRow(0, new Label("Endpoint URL"), urlField);
        grid.addRow(1, new Label("Region"), regionField);
        grid.addRow(2, new Label("Access key id"), keyField);
        grid.addRow(3, new Label("Secret key"), secret);
        CheckBox remember = new CheckBox("Remember the secret in the keyring");
        remember.setId("sqs-remember");
        if (keyring) {
            grid.add(remember, 1, 4);
        }
        Label hint = new Label("Amazon SQS (https://sqs.REGION.amazonaws.com) or ElasticMQ (http://127.0.0.1:9324). "
                + (keyring ? "The secret key is never saved in Pipewright's files; tick the box to keep it in the"
                        + " desktop's keyring. Left empty, it comes from the keyring, else from AWS_SECRET_ACCESS_KEY."
                        : "The secret key is used for this run and never saved; leave it empty to take it from"
                        + " AWS_SECRET_ACCESS_KEY.")
                + " The run creates the flow's queues on the endpoint, and deletes them when it is reset or you run"
                + " elsewhere.");
        hint.setWrapText(true);
        hint.setMaxWidth(440);
        grid.add(hint, 0, 5, 2, 1);
        dialog.getDialogPane().setContent(grid);
        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(connect, ButtonType.CANCEL);
        dialog.getDialogPane().setId("sqs-login-dialog");
        dialog.setResultConverter(b -> b == connect
                ? new SqsLogin(urlField.getText(), regionField.getText(), keyField.getText(), secret.getText(),
                        keyring && remember.isSelected())
                : null);
        Platform.runLater(urlField::requestFocus);
        return dialog.showAndWait();
    }

    /** What a run declares on {@code broker} and takes away again, in the words of that broker. */
    private static String whatTheRunLeaves(String broker) {
        return switch (broker) {
            case "MQTT" -> "The run publishes and subscribes under topics of its own (pipewright/RUN/...), and"
                    + " clears its retained messages and sessions when it is reset or you run elsewhere.";
            case "Kafka" -> "The run creates the flow's topics under a prefix of its own (pw-RUN-), and deletes"
                    + " them and its consumer groups when it is reset or you run elsewhere.";
            case "NATS" -> "The run creates the flow's streams and durable consumers under a prefix of its own"
                    + " (pw-RUN-), and deletes them when it is reset or you run elsewhere.";
            case "Artemis" -> "The run creates the flow's addresses and queues on the broker, and removes them"
                    + " when it is reset or you run elsewhere.";
            default -> "The run declares the flow's queues and exchanges on the broker, and removes them when"
                    + " it is reset or you run elsewhere.";
        };
    }

    /**
     * The login question; {@code tls} null leaves out the "Use TLS" box, {@code caFile} null the CA
     * certificate row, {@code keyring} false the box that keeps the password in the keyring.
     */
    private Optional<BrokerLogin> askLogin(String header, String urlLabel, String url, String user, Boolean tls,
                                           String caFile, boolean keyring, String ok, String hintText) {
        Dialog<BrokerLogin> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Pipewright");
        dialog.setHeaderText(header);
        TextField urlField = new TextField(url);
        urlField.setId("broker-url");
        urlField.setPrefColumnCount(28);
        TextField userField = new TextField(user);
        userField.setId("broker-user");
        PasswordField password = new PasswordField();
        password.setId("broker-password");
        GridPane grid = new GridPane(10, 8);
        grid.addRow(0, new Label(urlLabel), urlField);
        grid.addRow(1, new Label("User"), userField);
        grid.addRow(2, new Label("Password"), password);
        CheckBox useTls = new CheckBox("Use TLS");
        useTls.setId("broker-tls");
        useTls.setSelected(Boolean.TRUE.equals(tls));
        if (tls != null) {
            grid.add(useTls, 1, 3);
        }
        TextField caField = new TextField(caFile == null ? "" : caFile);
        caField.setId("broker-ca");
        caField.setPromptText("none: Java's certificate authorities");
        if (caFile != null) {
            Button choose = new Button("Choose…");
            choose.setId("broker-ca-choose");
            choose.setOnAction(e -> chooseCaFile(caField));
            HBox.setHgrow(caField, Priority.ALWAYS);
            grid.addRow(4, new Label("CA certificate"), new HBox(6, caField, choose));
            if (tls != null) {
                // The CA file means something over TLS only; it stays filled in, remembered, while TLS is off.
                caField.disableProperty().bind(useTls.selectedProperty().not());
                choose.disableProperty().bind(useTls.selectedProperty().not());
            }
        }
        CheckBox remember = new CheckBox("Remember the password in the keyring");
        remember.setId("broker-remember");
        if (keyring) {
            grid.add(remember, 1, 5);
        }
        Label hint = new Label(hintText);
        hint.setWrapText(true);
        hint.setMaxWidth(440);
        grid.add(hint, 0, 6, 2, 1);
        dialog.getDialogPane().setContent(grid);
        ButtonType read = new ButtonType(ok, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(read, ButtonType.CANCEL);
        dialog.getDialogPane().setId("broker-login-dialog");
        dialog.setResultConverter(b -> b == read
                ? new BrokerLogin(urlField.getText(), userField.getText(), password.getText(),
                        caFile == null ? "" : caField.getText().strip(), keyring && remember.isSelected(),
                        tls != null && useTls.isSelected())
                : null);
        Platform.runLater(password::requestFocus);
        return dialog.showAndWait();
    }

    /** Lets the user pick the PEM file into {@code field}, starting where the present one is. */
    private void chooseCaFile(TextField field) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("CA certificate (PEM)");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("PEM certificates (*.pem, *.crt)", "*.pem", "*.crt"),
                new FileChooser.ExtensionFilter("All files", "*"));
        String present = field.getText().strip();
        if (!present.isEmpty()) {
            try {
                Path folder = Path.of(present).toAbsolutePath().getParent();
                if (folder != null && Files.isDirectory(folder)) {
                    chooser.setInitialDirectory(folder.toFile());
                }
            } catch (InvalidPathException e) {
                // Not a path: the chooser starts where it likes.
            }
        }
        File chosen = chooser.showOpenDialog(field.getScene().getWindow());
        if (chosen != null) {
            field.setText(chosen.getPath());
        }
    }

    private static String line(Finding f) {
        return f.severity().word() + (f.nodeId() == null ? "" : " (" + f.nodeId() + ")") + ": " + f.message()
                + (f.fix() == null ? "" : " (fix: " + f.fix() + ")");
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
