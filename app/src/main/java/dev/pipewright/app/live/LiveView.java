// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.app.canvas.FlowCanvas;
import dev.pipewright.app.canvas.NodeView;
import dev.pipewright.app.editor.EditorState;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.files.AppSettings;
import dev.pipewright.app.files.Dialogs;
import dev.pipewright.app.files.FileDialogs;
import dev.pipewright.brokers.Keyring;
import dev.pipewright.engine.api.Capability;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The live view: runs the flow being edited on the engine and shows the run on the canvas. The
 * main window adds its parts: {@link #toolbar()} (run controls), {@link #noticeBar()}, {@link #conservationLine()}, {@link #chartsTab()},
 * {@link #inspectorTab()} and {@link #menu()}.
 *
 * <p>One {@link AnimationTimer} draws it: once a frame it reads the engine's latest snapshot
 * (a volatile read that never blocks), works out rates from the differences to earlier
 * snapshots, starts dots for what crossed each wire, moves the dots, and updates badges, labels,
 * charts and the inspector. The engine never calls into the FX thread.
 */
public final class LiveView implements AutoCloseable {
    private static final String STYLESHEET = Objects.requireNonNull(
            LiveView.class.getResource("live.css"), "live.css").toExternalForm();
    /** Wall seconds between two updates of the charts and the inspector. */
    private static final double PANEL_EVERY = 0.25;

    private final FlowCanvas canvas;
    private final EditorState state;
    private final FileDialogs files;
    private final RunController run;
    private final RunToolbar toolbar;
    // The fields the tests read (through LiveViewProbe, in the tests' sources) are package-private;
    // the view has no methods for tests.
    final DotField field = DotField.standard();
    final DotLayer dots;
    private final BadgeLayer badgeLayer;
    final WireRates wireRates;
    private final RateMeter rates = new RateMeter();
    final Map<String, NodeBadge> badges = new LinkedHashMap<>();
    private final Map<String, HoverCard> cards = new HashMap<>();
    /** The card each hover card is installed on, to install it again when the canvas makes a new card. */
    private final Map<String, NodeView> hoverOn = new HashMap<>();
    private final LiveCharts charts = new LiveCharts();
    private final LiveInspector inspector;
    private final Tab chartsTab;
    private final Tab inspectorTab;
    final Animator animator = new Animator();
    SummaryDialog summary;

    /**
     * @param files where the run summary is saved (the shell's file dialogs); null to offer no saving
     */
    public LiveView(FlowCanvas canvas, EditorState state, FileDialogs files) {
        this(canvas, state, files, null, null);
    }

    /**
     * @param files where the run summary is saved (the shell's file dialogs); null to offer no saving
     * @param dialogs asks where a real broker is ("Run on"); null offers only the simulator and embedded Artemis
     * @param settings remembers the brokers' addresses and users (never a password); may be null
     */
    public LiveView(FlowCanvas canvas, EditorState state, FileDialogs files, Dialogs dialogs, AppSettings settings) {
        this.canvas = Objects.requireNonNull(canvas, "canvas");
        this.state = Objects.requireNonNull(state, "state");
        this.files = files;
        this.run = new RunController(state.flow(), Platform::runLater);
        this.toolbar = new RunToolbar(run, this::showSummary, STYLESHEET, new RunOn(dialogs, settings, System::getenv, Keyring.of(System.getenv())));
        toolbar.getStylesheets().add(STYLESHEET);
        toolbar.conservationLine().getStylesheets().add(STYLESHEET);
        canvas.getStylesheets().add(STYLESHEET);
        this.dots = new DotLayer(canvas, field);
        this.badgeLayer = new BadgeLayer(canvas);
        this.wireRates = new WireRates(canvas);
        this.inspector = new LiveInspector(run);
        inspector.getStylesheets().add(STYLESHEET);
        charts.getStylesheets().add(STYLESHEET);
        chartsTab = new Tab("Charts", charts);
        chartsTab.setId("tab-charts");
        chartsTab.setClosable(false);
        chartsTab.setGraphic(new FontIcon("mdi2c-chart-line"));
        chartsTab.selectedProperty().addListener((obs, was, now) -> animator.panelsDue = true);
        inspectorTab = new Tab("Live", inspector);
        inspectorTab.setId("tab-live");
        inspectorTab.setClosable(false);
        inspectorTab.setGraphic(new FontIcon("mdi2p-pulse"));
        inspectorTab.selectedProperty().addListener((obs, was, now) -> animator.panelsDue = true);
        new FaultMenu(canvas, run, () -> {
            inspectorTab.getTabPane().getSelectionModel().select(inspectorTab);
            inspector.focusRate();
        }, () -> inspectorTab.getTabPane().getSelectionModel().select(inspectorTab));

        state.flowProperty().addListener((obs, old, flow) -> flowChanged(flow));
        state.selectionProperty().addListener((obs, old, sel) -> selectionChanged(sel));
        run.runNumberProperty().addListener((obs, old, n) -> newRun());
        // After a single step, the dots it started cross their wires, then stand still again.
        run.stepsProperty().addListener((obs, old, n) -> animator.stepMotionUntil = System.nanoTime() + 900_000_000L);
        flowChanged(state.flow());
        // Animate only while the canvas is in a showing window; a closed window stops its run too.
        javafx.beans.value.ObservableValue<Boolean> showing = canvas.sceneProperty()
                .flatMap(javafx.scene.Scene::windowProperty).flatMap(javafx.stage.Window::showingProperty).orElse(false);
        showing.addListener((obs, was, now) -> {
            if (now) {
                animator.start();
            } else {
                animator.stop();
                run.pause();
            }
        });
        if (showing.getValue()) {
            animator.start();
        }
    }

    // ---------------------------------------------------------------- the parts for the window

    /** The run controls, for the main toolbar. */
    public javafx.scene.Node toolbar() {
        return toolbar;
    }

    /** What the user must know about the run, in full, for a line under the toolbar (empty: no room taken). */
    public javafx.scene.Node noticeBar() {
        return toolbar.noticeBar();
    }

    /** The run's conservation law in one line (green while it holds), for the status bar. */
    public javafx.scene.layout.Region conservationLine() {
        return toolbar.conservationLine();
    }

    /** The charts of the selected node or the whole flow, for the tabs under the canvas. */
    public Tab chartsTab() {
        return chartsTab;
    }

    /** The live inspector (statistics, faults, theory, messages), for the side tabs. */
    public Tab inspectorTab() {
        return inspectorTab;
    }

    /** A Run menu: play/pause (F5), step (F6), reset (Ctrl+F5), restart, summary. */
    public Menu menu() {
        Menu menu = new Menu("Run");
        menu.setId("menu-run");
        MenuItem play = new MenuItem("Play / Pause", new FontIcon("mdi2p-play"));
        play.setId("menu-run-play");
        play.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        play.setOnAction(e -> run.togglePlay());
        MenuItem step = new MenuItem("Step One Event", new FontIcon("mdi2s-step-forward"));
        step.setId("menu-run-step");
        step.setAccelerator(new KeyCodeCombination(KeyCode.F6));
        step.setOnAction(e -> run.step());
        step.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !run.can(Capability.STEP), run.backendProperty()));
        MenuItem reset = new MenuItem("Reset Run", new FontIcon("mdi2r-replay"));
        reset.setId("menu-run-reset");
        reset.setAccelerator(new KeyCodeCombination(KeyCode.F5, KeyCombination.SHORTCUT_DOWN));
        reset.setOnAction(e -> run.reset());
        MenuItem restart = new MenuItem("Restart With Edits");
        restart.setId("menu-run-restart");
        restart.disableProperty().bind(run.restartNeededProperty().not());
        restart.setOnAction(e -> run.restart());
        MenuItem summary = new MenuItem("Run Summary…", new FontIcon("mdi2f-file-chart-outline"));
        summary.setId("menu-run-summary");
        summary.setOnAction(e -> showSummary());
        menu.getItems().addAll(play, step, reset, restart, new SeparatorMenuItem(), summary);
        return menu;
    }

    /** The run behind the view. */
    public RunController run() {
        return run;
    }

    /** Stops the animation and the engine thread. */
    @Override
    public void close() {
        animator.stop();
        run.close();
    }

    // ---------------------------------------------------------------- reacting to the editor

    private void flowChanged(Flow flow) {
        dots.wiresChanged(flow);
        wireRates.wiresChanged(flow);
        Map<String, NodeBadge> keep = new LinkedHashMap<>();
        for (Node n : flow.nodes()) {
            NodeBadge b = badges.remove(n.id());
            if (b != null && b.kind != n.kind()) {
                b = null;
            }
            keep.put(n.id(), b != null ? b : new NodeBadge(n));
        }
        badges.clear();
        badges.putAll(keep);
        cards.keySet().retainAll(badges.keySet());
        hoverOn.keySet().retainAll(badges.keySet());
        badgeLayer.changed();
        installHoverCards();
        run.flowEdited(flow);
        selectionChanged(state.selection());
    }

    private void installHoverCards() {
        for (NodeBadge b : badges.values()) {
            Optional<NodeView> v = canvas.nodeView(b.nodeId);
            if (v.isPresent() && hoverOn.get(b.nodeId) != v.get()) {
                hoverOn.put(b.nodeId, v.get());
                cards.computeIfAbsent(b.nodeId, id -> new HoverCard()).install(v.get());
            }
        }
    }

    private void selectionChanged(Selection sel) {
        Flow flow = state.flow();
        Node node = sel.nodes().size() == 1 ? flow.node(sel.nodes().iterator().next()).orElse(null) : null;
        inspector.select(node, flow);
        animator.panelsDue = true;
    }

    private void newRun() {
        dots.clear();
        rates.clear();
        charts.clear();
        badges.values().forEach(NodeBadge::reset);
        badgeLayer.changed();
        wireRates.show(rates);
        toolbar.showSnapshot(null);
        animator.last = null;
        // A run on a broker has no snapshot until it is connected: the old run's picture goes at once.
        animator.blankDue = true;
    }

    /** Opens the run summary as of the latest snapshot; the run goes on (the dialog's Refresh catches up). */
    private void showSummary() {
        if (run.report().isEmpty()) {
            return;
        }
        if (summary != null && summary.dialog().isShowing()) {
            summary.dialog().close();
        }
        summary = SummaryDialog.show(canvas.getScene() == null ? null : canvas.getScene().getWindow(), run::report, files);
    }

    // ---------------------------------------------------------------- drawing

    /** Shows {@code s} on the cards, wires, toolbar and (when due) in the panels. */
    private void showSnapshot(Snapshot s) {
        Flow flow = state.flow();
        Flow running = run.runningFlow();
        for (NodeBadge b : badges.values()) {
            NodeStats n = s.nodes().get(b.nodeId);
            Node node = flow.node(b.nodeId).orElse(null);
            if (n == null || node == null) {
                b.setShown(false);
                continue;
            }
            b.setShown(true);
            double in = rates.nodeInRate(b.nodeId);
            double out = rates.nodeOutRate(b.nodeId);
            double rho = node.kind().isQueueLike() && running.node(b.nodeId).isPresent()
                    ? TheoryReading.of(running, s, b.nodeId, in).utilisation() : 0;
            b.show(node, n, s.time(), in, out, rho);
            HoverCard card = cards.get(b.nodeId);
            if (card != null && card.isShowing()) {
                card.show(node.name(), n, in, out);
            }
        }
        wireRates.show(rates);
        badgeLayer.changed();
        toolbar.showSnapshot(s);
    }

    private void showPanels(Snapshot s) {
        Flow running = run.runningFlow();
        String selected = inspector.selectedNodeId();
        Node node = selected == null ? null : running.node(selected).orElse(null);
        // Only what is on screen is worth the work: a hidden tab is brought up to date when shown.
        if (chartsTab.isSelected()) {
            ChartData data = node != null ? ChartData.forNode(s, node, charts.window())
                    : ChartData.forFlow(s, running, charts.window());
            charts.show(data, s.time());
        }
        if (inspectorTab.isSelected()) {
            inspector.update(s, running, rates);
        }
    }

    /** Cards that have no hover statistics yet say how to get them. */
    private void idleCards() {
        for (Map.Entry<String, HoverCard> e : cards.entrySet()) {
            if (e.getValue().isShowing()) {
                e.getValue().showIdle(state.flow().node(e.getKey()).map(Node::name).orElse(e.getKey())
                        + " — press play to see live statistics");
            }
        }
    }

    final class Animator extends AnimationTimer {
        private long lastFrame;
        private long stepMotionUntil;
        private long lastSnapshotNanos;
        private double sincePanels;
        private Snapshot last;
        private boolean panelsDue = true;
        private boolean blankDue;

        // The view's own work per frame, for the render benchmark.
        long workNanos;
        long workFrames;

        @Override
        public void handle(long now) {
            long started = System.nanoTime();
            try {
                frame(now);
            } finally {
                workNanos += System.nanoTime() - started;
                workFrames++;
            }
        }

        private void frame(long now) {
            double dt = lastFrame == 0 ? 0 : Math.min(0.1, (now - lastFrame) / 1e9);
            lastFrame = now;
            run.poll();
            Snapshot s = run.latest();
            if (s == null) {
                idleCards();
                if (blankDue) {
                    blankDue = false;
                    badges.values().forEach(b -> b.setShown(false));
                    dots.draw();
                    badgeLayer.draw(badges.values(), wireRates);
                }
                return;
            }
            if (s != last) {
                double spread = lastSnapshotNanos == 0 ? 0 : Math.min(0.1, (now - lastSnapshotNanos) / 1e9);
                lastSnapshotNanos = now;
                rates.accept(s);
                dots.spawn(s, spread);
                last = s;
                installHoverCards();
                showSnapshot(s);
            }
            // Dots move while the engine plays, and for a moment after a single step; paused, nothing moves.
            boolean moving = run.playingProperty().get() || now < stepMotionUntil;
            canvas.setLiveAnimation(moving);
            field.refill(dt);
            if (moving) {
                field.advance(dt);
                dots.moved();
            }
            dots.draw();
            badgeLayer.draw(badges.values(), wireRates);
            sincePanels += dt;
            if (panelsDue || sincePanels >= PANEL_EVERY) {
                sincePanels = 0;
                panelsDue = false;
                showPanels(s);
            }
        }
    }
}
