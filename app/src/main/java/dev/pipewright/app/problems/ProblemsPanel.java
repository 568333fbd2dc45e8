// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.problems;

import dev.pipewright.app.editor.EditorState;
import dev.pipewright.model.Flow;
import dev.pipewright.model.check.Finding;
import dev.pipewright.model.check.Severity;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The problems list: the checks' errors, warnings and advice for the flow, refreshed shortly after
 * each edit. Choosing a finding hands it to the shell, which selects and centres its node.
 */
public final class ProblemsPanel extends BorderPane {
    private final EditorState state;
    private final Function<Flow, List<Finding>> checks;
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    /**
     * The one read-only view handed out. Made once: such a view follows its list through a weak
     * listener, so a view made per call is collected, and the listeners added to it with it.
     */
    private final ObservableList<Finding> readOnlyFindings = FXCollections.unmodifiableObservableList(findings);
    private final ListView<Finding> list = new ListView<>(findings);
    private final Label errorCount = new Label();
    private final Label warningCount = new Label();
    private final Label tipCount = new Label();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final PauseTransition debounce = new PauseTransition(Duration.millis(200));
    private Consumer<Finding> onOpen = f -> { };

    /**
     * @param checks the checks to run on each version of the flow (a run backend's {@code check}: the model's findings and what the engine would refuse)
     */
    public ProblemsPanel(EditorState state, Function<Flow, List<Finding>> checks) {
        this.state = Objects.requireNonNull(state, "state");
        this.checks = Objects.requireNonNull(checks, "checks");
        getStyleClass().add("problems-panel");
        setId("problems-panel");
        list.setId("problems-list");
        list.getStyleClass().add("problems-list");
        list.setCellFactory(v -> new FindingCell());
        Label placeholder = new Label("No problems found", icon("mdi2c-check-circle-outline", "problem-ok"));
        placeholder.getStyleClass().add("panel-placeholder");
        list.setPlaceholder(placeholder);
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && list.getSelectionModel().getSelectedItem() != null) {
                onOpen.accept(list.getSelectionModel().getSelectedItem());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && list.getSelectionModel().getSelectedItem() != null) {
                onOpen.accept(list.getSelectionModel().getSelectedItem());
            }
        });

        errorCount.setGraphic(iconFor(Severity.ERROR));
        warningCount.setGraphic(iconFor(Severity.WARNING));
        tipCount.setGraphic(iconFor(Severity.INFO));
        errorCount.setId("problems-errors");
        warningCount.setId("problems-warnings");
        tipCount.setId("problems-tips");
        Label hint = new Label("Click a problem to show its node");
        hint.getStyleClass().add("panel-subtitle");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(18, errorCount, warningCount, tipCount, spacer, hint);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("panel-header");
        setTop(header);
        setCenter(list);

        debounce.setOnFinished(e -> recheck());
        state.flowProperty().addListener((obs, old, flow) -> debounce.playFromStart());
        recheck();
    }

    /** Called with the finding a person chose. */
    public void setOnOpen(Consumer<Finding> handler) {
        this.onOpen = Objects.requireNonNull(handler, "handler");
    }

    /** The findings shown now, read-only; always the same list, so a listener added to it stays. */
    public ObservableList<Finding> findings() {
        return readOnlyFindings;
    }

    /** "2 errors, 1 warning", for the status bar. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Runs the checks now instead of after the pause. */
    public void recheck() {
        debounce.stop();
        List<Finding> found;
        try {
            found = checks.apply(state.flow());
        } catch (RuntimeException e) {
            found = List.of(new Finding(Severity.ERROR, null, null,
                    "the checks could not finish: " + e.getMessage(), "report this as a bug with the flow file"));
        }
        findings.setAll(found);
        long errors = found.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = found.stream().filter(f -> f.severity() == Severity.WARNING).count();
        long infos = found.size() - errors - warnings;
        String text = found.isEmpty() ? "No problems"
                : plural(errors, "error") + ", " + plural(warnings, "warning") + ", " + plural(infos, "tip");
        errorCount.setText(plural(errors, "error"));
        warningCount.setText(plural(warnings, "warning"));
        tipCount.setText(plural(infos, "tip"));
        summary.set(text);
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static FontIcon icon(String literal, String styleClass) {
        FontIcon icon = new FontIcon(literal);
        icon.getStyleClass().add(styleClass);
        return icon;
    }

    static FontIcon iconFor(Severity severity) {
        return switch (severity) {
            case ERROR -> icon("mdi2c-close-circle", "problem-error");
            case WARNING -> icon("mdi2a-alert", "problem-warning");
            case INFO -> icon("mdi2l-lightbulb-on-outline", "problem-info");
        };
    }

    /** One finding: severity icon, the message, the node it is about, and the fix in quieter text. */
    private final class FindingCell extends ListCell<Finding> {
        @Override
        protected void updateItem(Finding f, boolean empty) {
            super.updateItem(f, empty);
            if (empty || f == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label message = new Label(capitalise(f.message()));
            message.getStyleClass().add("problem-message");
            HBox line = new HBox(8, message);
            line.setAlignment(Pos.CENTER_LEFT);
            String where = f.nodeId() != null ? state.flow().node(f.nodeId()).map(n -> n.name()).orElse(f.nodeId())
                    : f.edgeId() != null ? "wire " + f.edgeId() : null;
            if (where != null) {
                Label tag = new Label(where);
                tag.getStyleClass().add("problem-where");
                line.getChildren().add(tag);
            }
            VBox text = new VBox(1, line);
            if (f.fix() != null && !f.fix().isBlank()) {
                Label fix = new Label(capitalise(f.fix()));
                fix.getStyleClass().add("problem-fix");
                text.getChildren().add(fix);
            }
            FontIcon icon = iconFor(f.severity());
            HBox row = new HBox(10, icon, text);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("problem-row");
            setText(null);
            setGraphic(row);
        }
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
