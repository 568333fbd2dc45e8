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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.geometry.Rectangle2D;
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
import javafx.stage.Screen;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The run summary: the same table {@code pipewright run} prints, from the engine's report
 * package, in a monospaced font so its columns line up, with Copy, Save JSON… and Save CSV….
 * Not modal, and opening it does not pause the run: it shows the run as of one snapshot, says
 * when, and Refresh takes the latest. It opens centred on the window that asked for it, inside
 * that screen's visible area.
 */
final class SummaryDialog {
    private static final String STYLESHEET = Objects.requireNonNull(
            SummaryDialog.class.getResource("live.css"), "live.css").toExternalForm();
    /** Room left around the dialog on the screen, in pixels. */
    private static final double SCREEN_MARGIN = 16;
    /** What the dialog adds around the table's text: its padding, the text area's and a scroll bar. */
    private static final double TABLE_CHROME = 80;

    private final Dialog<Void> dialog = new Dialog<>();
    private final TextArea table = new TextArea();
    private final Label asOf = new Label();
    private RunReport report;

    /**
     * Opens the summary of {@code latest.get()}; {@code latest} gives the report of the latest
     * snapshot again on Refresh; {@code files} picks where to save (null: saving is not offered).
     */
    static SummaryDialog show(Window owner, Supplier<Optional<RunReport>> latest, FileDialogs files) {
        SummaryDialog s = new SummaryDialog(owner, latest, files);
        s.dialog.show();
        s.placeOn(owner);
        return s;
    }

    private SummaryDialog(Window owner, Supplier<Optional<RunReport>> latest, FileDialogs files) {
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setResizable(true);
        dialog.getDialogPane().setId("live-summary");
        dialog.getDialogPane().getStyleClass().add("live-summary");
        dialog.getDialogPane().getStylesheets().add(STYLESHEET);

        table.setId("live-summary-text");
        table.setEditable(false);
        table.getStyleClass().add("live-summary-text");
        table.setPrefColumnCount(110);
        VBox.setVgrow(table, Priority.ALWAYS);
        asOf.setId("live-summary-time");
        asOf.getStyleClass().add("live-hint");

        Label status = new Label();
        status.setId("live-summary-status");
        status.getStyleClass().add("live-hint");
        Button refresh = new Button("Refresh", new FontIcon("mdi2r-refresh"));
        refresh.setId("live-summary-refresh");
        refresh.setOnAction(e -> latest.get().ifPresent(this::showReport));
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
        for (Button b : new Button[] {refresh, copy, json, csv}) {
            b.getStyleClass().add(Styles.SMALL);
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, refresh, copy, json, csv, grow, status);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox content = new VBox(10, asOf, table, buttons);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        showReport(latest.get().orElseThrow());
    }

    private void showReport(RunReport r) {
        report = r;
        dialog.setTitle("Run summary — " + r.flow());
        table.setText(Reports.text(r));
        table.setPrefRowCount(Math.min(28, r.nodes().size() + 8));
        asOf.setText("As of " + LiveFormat.elapsed(r.virtualSeconds()) + " of virtual time; the run goes on."
                + " Refresh shows the latest.");
    }

    Dialog<Void> dialog() {
        return dialog;
    }

    /** The report shown now. */
    RunReport report() {
        return report;
    }

    /**
     * Centres the dialog on {@code owner}, no larger than the visible area of the owner's screen
     * and inside it (a dialog as wide as its table opened partly off a small screen).
     */
    private void placeOn(Window owner) {
        Rectangle2D screen = owner == null ? Screen.getPrimary().getVisualBounds()
                : Screen.getScreensForRectangle(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight())
                        .stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
        // As wide as the table's longest line where the screen has room, so no column hides behind a scroll bar.
        double w = Math.min(Math.max(dialog.getWidth(), widestLine() + TABLE_CHROME), screen.getWidth() - 2 * SCREEN_MARGIN);
        double h = Math.min(dialog.getHeight(), screen.getHeight() - 2 * SCREEN_MARGIN);
        dialog.setWidth(w);
        dialog.setHeight(h);
        double cx = owner == null ? screen.getMinX() + screen.getWidth() / 2 : owner.getX() + owner.getWidth() / 2;
        double cy = owner == null ? screen.getMinY() + screen.getHeight() / 2 : owner.getY() + owner.getHeight() / 2;
        dialog.setX(clamp(cx - w / 2, screen.getMinX() + SCREEN_MARGIN, screen.getMaxX() - SCREEN_MARGIN - w));
        dialog.setY(clamp(cy - h / 2, screen.getMinY() + SCREEN_MARGIN, screen.getMaxY() - SCREEN_MARGIN - h));
    }

    private double widestLine() {
        double widest = 0;
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        probe.setFont(table.getFont());
        for (String line : table.getText().split("\n")) {
            probe.setText(line);
            widest = Math.max(widest, probe.getLayoutBounds().getWidth());
        }
        return widest;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(v, max));
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
