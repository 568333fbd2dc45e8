// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import atlantafx.base.theme.Styles;
import dev.pipewright.app.files.FileDialogs;
import dev.pipewright.engine.report.Reports;
import dev.pipewright.engine.report.RunReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The run summary: the same table {@code pipewright run} prints, from the engine's report
 * package, with Copy, Save JSON… and Save CSV…. Not modal, so the run can be watched beside it.
 */
final class SummaryDialog {
    private SummaryDialog() {
    }

    /** Opens the summary of {@code report}; {@code files} picks where to save (null: saving is not offered). */
    static Dialog<Void> show(Window owner, RunReport report, FileDialogs files) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setTitle("Run summary — " + report.flow());
        dialog.setResizable(true);
        dialog.getDialogPane().setId("live-summary");
        dialog.getDialogPane().getStyleClass().add("live-summary");

        TextArea table = new TextArea(Reports.text(report));
        table.setId("live-summary-text");
        table.setEditable(false);
        table.getStyleClass().add("live-summary-text");
        table.setPrefColumnCount(110);
        table.setPrefRowCount(Math.min(28, report.nodes().size() + 8));
        VBox.setVgrow(table, Priority.ALWAYS);

        Label status = new Label();
        status.setId("live-summary-status");
        status.getStyleClass().add("live-hint");
        Button copy = new Button("Copy", new FontIcon("mdi2c-content-copy"));
        copy.setId("live-summary-copy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(table.getText());
            Clipboard.getSystemClipboard().setContent(content);
            status.setText("Copied the table to the clipboard.");
        });
        Button json = new Button("Save JSON…", new FontIcon("mdi2c-code-json"));
        json.setId("live-summary-json");
        json.setOnAction(e -> save(files, report, "json", "Run report (JSON)", Reports::json, status));
        Button csv = new Button("Save CSV…", new FontIcon("mdi2t-table"));
        csv.setId("live-summary-csv");
        csv.setOnAction(e -> save(files, report, "csv", "Run report (CSV)", ReportCsv::csv, status));
        json.setDisable(files == null);
        csv.setDisable(files == null);
        for (Button b : new Button[] {copy, json, csv}) {
            b.getStyleClass().add(Styles.SMALL);
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, copy, json, csv, grow, status);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox content = new VBox(10, table, buttons);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.show();
        return dialog;
    }

    private static void save(FileDialogs files, RunReport report, String extension, String description,
                             Function<RunReport, String> format, Label status) {
        String name = report.flow().replaceAll("[^A-Za-z0-9._-]+", "-").toLowerCase(Locale.ROOT) + "-run." + extension;
        Optional<Path> target = files.chooseExport(Path.of(System.getProperty("user.home", ".")), name, extension, description);
        if (target.isEmpty()) {
            return;
        }
        try {
            Files.writeString(target.get(), format.apply(report), StandardCharsets.UTF_8);
            status.setText("Saved " + target.get().getFileName() + ".");
        } catch (IOException e) {
            status.setText("Could not save " + target.get() + ": " + e.getMessage() + ". Choose another folder.");
        }
    }
}
