// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import atlantafx.base.theme.Styles;
import dev.pipewright.engine.api.Capability;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.engine.report.ReportFormats;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The run controls: play, pause, step, reset, speed, seed, the virtual time and the run summary;
 * the conservation law for the status bar, and the notice bar (when an edit needs a restart, with
 * a Restart button) for under the toolbar.
 */
final class RunToolbar extends HBox {
    private final RunController run;
    private final Label time = new Label(LiveFormat.elapsed(0));
    private final Label law = new Label();
    private final Tooltip lawTip = new Tooltip();
    private final Label notice = new Label();
    private final Button restart = new Button("Restart");
    private final HBox noticeBar;
    private final FontIcon holds = new FontIcon("mdi2c-check-circle");
    private final FontIcon broken = new FontIcon("mdi2a-alert-circle");
    private long shownEvents = -1;
    private double shownTime = -1;

    /** @param stylesheet the live view's stylesheet, for the notice bar, which sits outside the toolbar */
    RunToolbar(RunController run, Runnable showSummary, String stylesheet, RunOn runOn) {
        this.run = Objects.requireNonNull(run, "run");
        setId("run-toolbar");
        getStyleClass().add("run-toolbar");
        setAlignment(Pos.CENTER);
        setSpacing(4);
        HBox.setHgrow(this, Priority.ALWAYS);

        Button play = tool("run-play", "mdi2p-play", "Play (F5)");
        play.setOnAction(e -> run.play());
        play.disableProperty().bind(run.playingProperty());
        Button pause = tool("run-pause", "mdi2p-pause", "Pause (F5)");
        pause.setOnAction(e -> run.pause());
        pause.disableProperty().bind(run.playingProperty().not());
        Button step = tool("run-step", "mdi2s-step-forward", "Step one event (F6)");
        step.setOnAction(e -> run.step());
        Button reset = tool("run-reset", "mdi2r-replay", "Reset the run to time zero (Ctrl+F5)");
        reset.setOnAction(e -> run.reset());

        ComboBox<SpeedChoice> speed = new ComboBox<>();
        speed.setId("run-speed");
        speed.getItems().setAll(SpeedChoice.PRESETS);
        speed.valueProperty().bindBidirectional(run.speedProperty());
        speed.setTooltip(new Tooltip("Speed: virtual seconds per wall second; max runs as fast as the machine can"));
        speed.getStyleClass().addAll("run-speed", Styles.SMALL);
        speed.setFocusTraversable(false);

        ComboBox<RunOn.Place> runOnChoice = new ComboBox<>();
        runOnChoice.setId("run-on");
        runOnChoice.getItems().setAll(RunOn.Place.values());
        runOnChoice.setValue(RunOn.Place.SIMULATOR);
        runOnChoice.getStyleClass().addAll("run-on", Styles.SMALL);
        runOnChoice.setFocusTraversable(false);
        Tooltip runOnTip = new Tooltip("Run on: the simulator, or a real broker (the flow's topology is declared there)");
        runOnChoice.setTooltip(runOnTip);
        Label runOnLabel = new Label("Run on");
        runOnLabel.getStyleClass().add("run-caption");
        RunOn.Place[] shown = {RunOn.Place.SIMULATOR};
        runOnChoice.valueProperty().addListener((obs, old, place) -> {
            if (place == null || place == shown[0]) {
                return;
            }
            java.util.Optional<RunOn.Target> target = runOn.open(place);
            if (target.isEmpty()) {
                // Cancelled: stay where the run was; set after this change is over.
                javafx.application.Platform.runLater(() -> runOnChoice.setValue(shown[0]));
                return;
            }
            shown[0] = place;
            run.useBackend(target.get().backend(), target.get().address());
            runOnTip.setText(target.get().address() == null ? "Runs in the simulator"
                    : "Runs on " + target.get().address());
        });
        // What a real broker cannot do is disabled, and the tooltip says why.
        Tooltip stepTip = step.getTooltip();
        Tooltip speedTip = speed.getTooltip();
        Runnable capabilities = () -> {
            boolean canStep = run.can(Capability.STEP);
            step.setDisable(!canStep);
            stepTip.setText(canStep ? "Step one event (F6)" : "Step one event: a real broker cannot step; it runs in real time");
            boolean canSpeed = run.can(Capability.FASTER_THAN_REAL_TIME);
            speed.setDisable(!canSpeed);
            speedTip.setText(canSpeed ? "Speed: virtual seconds per wall second; max runs as fast as the machine can"
                    : "Speed: a real broker runs in real time only (1x)");
        };
        run.backendProperty().addListener((obs, old, b) -> capabilities.run());
        capabilities.run();

        TextField seed = new TextField();
        seed.setId("run-seed");
        seed.getStyleClass().addAll("run-seed", Styles.SMALL);
        seed.setPrefColumnCount(5);
        // Only a whole number is a seed: typing keeps to digits, and an empty or unfinished
        // entry ("", "-") goes back to the last seed on Enter or on leaving the field, so a run
        // always has a seed that repeats it.
        TextFormatter<Long> seedFormat = new TextFormatter<>(new StringConverter<>() {
            @Override
            public String toString(Long v) {
                return v == null ? "" : Long.toString(v);
            }

            @Override
            public Long fromString(String s) {
                return Long.parseLong(s.trim()); // throws for "" and "-": the formatter then shows the last seed again
            }
        }, run.seedProperty().get(), c -> c.getControlNewText().matches("-?\\d{0,18}") ? c : null);
        seed.setTextFormatter(seedFormat);
        seedFormat.valueProperty().addListener((obs, old, v) -> {
            if (v != null) {
                run.seedProperty().set(v);
            }
        });
        Tooltip seedTip = new Tooltip();
        seed.setTooltip(seedTip);
        Runnable seedMeaning = () -> seedTip.setText(run.can(Capability.REPEATABLE)
                ? "Random seed: the same seed gives the same run; used from the next reset"
                : "Random seed of the modelled draws (processing times, failures, Poisson gaps); a real broker"
                        + " does not repeat a run event for event");
        run.backendProperty().addListener((obs, old, b) -> seedMeaning.run());
        seedMeaning.run();
        Label seedLabel = new Label("seed");
        seedLabel.getStyleClass().add("run-caption");

        time.setId("run-time");
        time.getStyleClass().add("run-time");
        time.setTooltip(new Tooltip("Virtual time since the start of the run"));
        time.setMinWidth(USE_PREF_SIZE);

        law.setId("run-conservation");
        law.getStyleClass().add("run-conservation");
        law.setTooltip(lawTip);
        law.setMinWidth(60);
        law.managedProperty().bind(law.visibleProperty()); // takes no room before the first run
        holds.getStyleClass().add("law-holds");
        broken.getStyleClass().add("law-broken");

        notice.setId("run-notice");
        notice.getStyleClass().add("run-notice-text");
        notice.textProperty().bind(run.noticeProperty());
        notice.setWrapText(true); // the whole notice, on as many lines as it needs: it says what to do
        notice.setMaxWidth(Double.MAX_VALUE);
        notice.setMinHeight(USE_PREF_SIZE);
        HBox.setHgrow(notice, Priority.ALWAYS);
        restart.setId("run-restart");
        restart.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT);
        restart.setOnAction(e -> run.restart());
        restart.visibleProperty().bind(run.restartNeededProperty());
        restart.managedProperty().bind(restart.visibleProperty());
        restart.setMinWidth(USE_PREF_SIZE);
        FontIcon warn = new FontIcon("mdi2a-alert-circle");
        warn.getStyleClass().add("run-notice-icon");
        noticeBar = new HBox(8, warn, notice, restart);
        noticeBar.setId("run-notice-box");
        noticeBar.getStyleClass().add("run-notice");
        noticeBar.setAlignment(Pos.CENTER_LEFT);
        noticeBar.getStylesheets().add(stylesheet);
        noticeBar.visibleProperty().bind(Bindings.isNotEmpty(run.noticeProperty()));
        noticeBar.managedProperty().bind(noticeBar.visibleProperty());

        Button summary = tool("run-summary", "mdi2f-file-chart-outline", "Run summary: the report of this run");
        summary.setOnAction(e -> showSummary.run());

        getChildren().addAll(runOnLabel, runOnChoice, play, pause, step, reset, gap(), speed, seedLabel, seed, gap(), time,
                summary);
        for (Region r : List.<Region>of(runOnLabel, runOnChoice, play, pause, step, reset, speed, seedLabel, seed, summary)) {
            r.setMinWidth(USE_PREF_SIZE);
        }
        showSnapshot(null);
    }

    /**
     * What the user must know about the run (a restart is needed, the flow can't run), on a line
     * of its own under the toolbar, wrapped to the window's width, with Restart when it applies;
     * it takes no room while there is nothing to say. (In the toolbar a long notice was cut.)
     */
    HBox noticeBar() {
        return noticeBar;
    }

    /**
     * The conservation law of the run, one line, for the window's status bar, where it has the room
     * a long line needs (in the toolbar it was cut short in windows narrower than about 1,450 px).
     */
    Label conservationLine() {
        return law;
    }

    /** Shows the time and the conservation law of {@code s} (null before the first run). */
    void showSnapshot(Snapshot s) {
        if (s == null) {
            time.setText(LiveFormat.elapsed(0));
            law.setText("");
            law.setGraphic(null);
            law.setVisible(false);
            return;
        }
        if (s.events() == shownEvents && s.time() == shownTime) {
            return;
        }
        shownEvents = s.events();
        shownTime = s.time();
        law.setVisible(true);
        time.setText(LiveFormat.elapsed(s.time()));
        law.setText(LiveFormat.conservationShort(s.conservation()));
        boolean ok = s.conservation().holds();
        law.setGraphic(ok ? holds : broken);
        law.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("broken"), !ok);
        lawTip.setText(ReportFormats.conservationLine(s.conservation()) + "\n" + LiveFormat.count(s.events())
                + " events so far");
    }

    private static Button tool(String id, String icon, String tip) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "tool-button", "run-button");
        b.setFocusTraversable(false);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private static Region gap() {
        Region r = new Region();
        r.getStyleClass().add("run-gap");
        r.setMinWidth(8);
        return r;
    }
}
