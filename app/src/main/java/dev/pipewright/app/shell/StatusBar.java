// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.shell;

import dev.pipewright.app.editor.EditorState;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.problems.ProblemsPanel;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The status bar: the latest message, the run's conservation law, the problem counts, the
 * selection and the zoom level.
 */
final class StatusBar extends HBox {
    private final Label message = new Label("Ready");
    private final Label errors = new Label();
    private final Label warnings = new Label();
    private final Label selection = new Label();
    private final Label zoom = new Label();
    private final Label counts = new Label();
    /** The least the message keeps when the bar is short: enough to see that there is one. */
    private static final double MESSAGE_MIN_WIDTH = 80;

    StatusBar(EditorState state, ProblemsPanel problems, DoubleProperty zoomLevel, Runnable showProblems) {
        setId("status-bar");
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(16);
        message.setId("status-message");
        message.getStyleClass().add("status-message");
        message.setMaxWidth(Double.MAX_VALUE);
        // The message is the one field that gives way when the bar is short (the others keep their
        // width, below); what it cuts is in its tooltip.
        message.setMinWidth(MESSAGE_MIN_WIDTH);
        HBox.setHgrow(message, Priority.ALWAYS);
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(message.textProperty());
        whole.setWrapText(true);
        whole.setMaxWidth(600);
        message.setTooltip(whole);
        errors.setGraphic(icon("mdi2c-close-circle", "problem-error"));
        warnings.setGraphic(icon("mdi2a-alert", "problem-warning"));
        errors.setId("status-errors");
        warnings.setId("status-warnings");
        HBox problemBox = new HBox(10, errors, warnings);
        problemBox.setAlignment(Pos.CENTER_LEFT);
        problemBox.getStyleClass().add("status-problems");
        problemBox.setOnMouseClicked(e -> showProblems.run());
        selection.setId("status-selection");
        counts.setId("status-counts");
        zoom.setId("status-zoom");
        zoom.textProperty().bind(Bindings.createStringBinding(
                () -> Math.round(zoomLevel.get() * 100) + "%", zoomLevel));
        zoom.setGraphic(icon("mdi2m-magnify", "status-icon"));

        getChildren().addAll(message, problemBox, sep(), counts, sep(), selection, sep(), zoom);
        for (Region r : new Region[] {problemBox, counts, selection, zoom}) {
            r.setMinWidth(USE_PREF_SIZE);
        }

        problems.findings().addListener((ListChangeListener<Finding>) c -> updateProblems(problems));
        updateProblems(problems);
        state.selectionProperty().addListener((obs, old, sel) -> updateSelection(sel));
        state.flowProperty().addListener((obs, old, flow) -> updateCounts(state));
        updateSelection(state.selection());
        updateCounts(state);
    }

    /** Puts the run's status (the conservation law) after the message, where a long line has room; it keeps its width. */
    void showRunStatus(Region node) {
        node.setMinWidth(USE_PREF_SIZE);
        getChildren().add(1, node);
    }

    /** Shows a message until the next one. */
    void tell(String text) {
        if (text != null && !text.isBlank()) {
            message.setText(text);
        }
    }

    private void updateProblems(ProblemsPanel problems) {
        long e = problems.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        long w = problems.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
        errors.setText(Long.toString(e));
        warnings.setText(Long.toString(w));
    }

    private void updateSelection(Selection sel) {
        int n = sel.nodes().size();
        int w = sel.edges().size();
        selection.setText(sel.isEmpty() ? "Nothing selected"
                : (n > 0 ? n + (n == 1 ? " node" : " nodes") : "") + (n > 0 && w > 0 ? ", " : "")
                + (w > 0 ? w + (w == 1 ? " wire" : " wires") : "") + " selected");
    }

    private void updateCounts(EditorState state) {
        int n = state.flow().nodes().size();
        int w = state.flow().edges().size();
        counts.setText(n + (n == 1 ? " node" : " nodes") + ", " + w + (w == 1 ? " wire" : " wires"));
    }

    private static FontIcon icon(String literal, String styleClass) {
        FontIcon icon = new FontIcon(literal);
        icon.getStyleClass().add(styleClass);
        return icon;
    }

    private static Region sep() {
        Region r = new Region();
        r.getStyleClass().add("status-separator");
        return r;
    }
}
