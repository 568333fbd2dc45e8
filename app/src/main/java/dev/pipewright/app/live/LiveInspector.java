// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import atlantafx.base.theme.Styles;
import dev.pipewright.engine.api.Death;
import dev.pipewright.engine.api.Lineage;
import dev.pipewright.engine.api.MessageView;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Broker;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The live inspector of the selected node: its statistics, buttons for faults and what-ifs, for
 * a queue the "Theory vs run" table, and its waiting messages with the lineage of the one picked.
 */
final class LiveInspector extends ScrollPane {
    private static final int PEEK_LIMIT = 100;
    /** How often the followed message's history is asked for while it shows. */
    private static final long FOLLOW_EVERY_NANOS = 200_000_000L;
    private static final String NOTHING_FOLLOWED = "Nothing published by hand from here in this run yet.";

    private final RunController run;
    private final Label title = new Label();
    private final Label hint = new Label();
    private final GridPane stats = new GridPane();
    private final FlowPane actions = new FlowPane(6, 6);
    private final Label info = new Label();
    private final VBox theoryBox = new VBox(6);
    private final GridPane theory = new GridPane();
    private final Label theoryNotes = new Label();
    private final Label little = new Label();
    private final Label outlook = new Label();
    private final VBox messagesBox = new VBox(6);
    private final Label faultsTitle;
    private final ListView<MessageView> messages = new ListView<>();
    private final TextArea lineage = new TextArea();
    private final VBox followedBox = new VBox(6);
    private final TextArea followed = new TextArea();
    /** True while the history of the message published by hand is being fetched: one question at a time. */
    private boolean followAsked;
    /** When it was last asked for, in System.nanoTime, so it is asked a few times a second, not every frame. */
    private long followAskedAt;
    private String nodeId;
    /** The flow of the node shown: its profile says which dead-letter headers a message carries. */
    private Flow flow;
    private Spinner<Double> rateSpinner;
    /** Brings the fault buttons up to date with the faults injected (also from the canvas's menu). */
    private Runnable refreshActions = () -> { };

    LiveInspector(RunController run) {
        this.run = Objects.requireNonNull(run, "run");
        setId("live-inspector");
        getStyleClass().addAll("live-inspector", "edge-to-edge");
        setFitToWidth(true);
        title.getStyleClass().add("live-inspector-title");
        title.setId("live-inspector-title");
        hint.getStyleClass().add("live-hint");
        hint.setWrapText(true);
        stats.getStyleClass().add("live-stats-grid");
        stats.setHgap(12);
        stats.setVgap(3);
        stats.setId("live-stats");
        actions.setId("live-actions");
        info.getStyleClass().add("live-hint");
        info.setWrapText(true);
        info.textProperty().bind(run.infoProperty());
        info.setId("live-info");

        theory.setId("live-theory");
        theory.getStyleClass().add("live-theory-grid");
        theory.setHgap(12);
        theory.setVgap(3);
        theoryNotes.getStyleClass().add("live-hint");
        theoryNotes.setWrapText(true);
        little.setId("live-little");
        outlook.setId("live-outlook");
        for (Label l : new Label[] {little, outlook}) {
            l.setWrapText(true);
            l.getStyleClass().add("live-sentence");
        }
        for (Label l : new Label[] {little, outlook, theoryNotes}) {
            l.managedProperty().bind(l.textProperty().isNotEmpty()); // a sentence not known takes no room
            l.visibleProperty().bind(l.managedProperty());
        }
        theoryBox.getChildren().addAll(section("Theory vs run (M/M/c)"), theory, little, outlook, theoryNotes);

        messages.setId("live-messages");
        messages.setPrefHeight(150);
        messages.setCellFactory(list -> new MessageCell());
        messages.getSelectionModel().selectedItemProperty().addListener((obs, old, m) -> showLineage(m));
        messages.setPlaceholder(new Label("Press Show messages"));
        lineage.setId("live-lineage");
        lineage.setEditable(false);
        lineage.setWrapText(true);
        lineage.setPrefRowCount(9);
        lineage.getStyleClass().add("live-lineage");
        Button fetch = new Button("Show messages", new FontIcon("mdi2e-email-search-outline"));
        fetch.setId("live-fetch-messages");
        fetch.getStyleClass().add(Styles.SMALL);
        fetch.setOnAction(e -> fetchMessages());
        Label traced = new Label("◆ = traced: the engine keeps the lineage of a run's first "
                + LiveFormat.count(Lineage.ALL_UP_TO) + " messages, then of every " + Lineage.SAMPLE_EVERY
                + "th (the latest " + LiveFormat.count(Lineage.CAPACITY) + ").");
        traced.getStyleClass().add("live-hint");
        traced.setWrapText(true);
        messagesBox.getChildren().addAll(section("Messages and lineage"), fetch, messages, traced, lineage);

        followed.setId("live-followed");
        followed.setEditable(false);
        followed.setWrapText(true);
        followed.setPrefRowCount(8);
        followed.getStyleClass().add("live-lineage");
        Label followHint = new Label("Publish one message to follow it hop by hop: each line is one thing that"
                + " happened to it, with the time it took.");
        followHint.getStyleClass().add("live-hint");
        followHint.setWrapText(true);
        followedBox.getChildren().addAll(section("Message published by hand"), followHint, followed);

        faultsTitle = section("Faults and what-ifs");
        VBox content = new VBox(10, title, hint, stats, faultsTitle, actions, info, followedBox, theoryBox, messagesBox);
        content.getStyleClass().add("live-inspector-content");
        setContent(content);
        select(null, null);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("live-section");
        return l;
    }

    /** Shows {@code node} (null for none) of {@code flow}. */
    void select(Node node, Flow flow) {
        String id = node == null ? null : node.id();
        if (Objects.equals(id, nodeId) && id != null) {
            return;
        }
        nodeId = id;
        this.flow = flow;
        messages.getItems().clear();
        lineage.clear();
        boolean queue = node != null && node.kind().isQueueLike();
        theoryBox.setVisible(queue);
        theoryBox.setManaged(queue);
        messagesBox.setVisible(queue);
        messagesBox.setManaged(queue);
        boolean source = node != null && node.kind() == dev.pipewright.model.NodeKind.SOURCE;
        followedBox.setVisible(source);
        followedBox.setManaged(source);
        followed.setText(NOTHING_FOLLOWED);
        faultsTitle.setVisible(node != null);
        faultsTitle.setManaged(node != null);
        if (node == null) {
            title.setText("Live inspector");
            hint.setText("Select a node on the canvas to see its live statistics, inject faults and, for a queue, "
                    + "compare queueing theory with the run. Right-click a node during a run for the same faults.");
            stats.getChildren().clear();
            actions.getChildren().clear();
            refreshActions = () -> { };
            return;
        }
        title.setText(node.name() + " — " + node.kind().displayName());
        hint.setText(run.latest() == null ? "Press play to run the flow." : "");
        rebuildActions(node);
    }

    /**
     * Makes the buttons for {@code node}'s faults. They stay while the node is selected and
     * {@link #refreshActions} changes their words and whether they apply, so the button a person
     * pressed keeps the focus (a button taken out of the scene sent it to the toolbar's seed field).
     */
    private void rebuildActions(Node node) {
        actions.getChildren().clear();
        refreshActions = () -> { };
        String id = node.id();
        FaultActions act = run.faultActions();
        RunFaults f = act.faults();
        // The same faults the canvas's menu offers (FaultActions.offers), laid out as buttons.
        switch (node.kind()) {
            case CONSUMER -> {
                Button crash = button("live-crash", "Crash one", "mdi2s-skull-outline", () -> act.crashInstance(id));
                Button restore = button("live-restore", "Restore", "mdi2h-heart-pulse", () -> act.restoreInstance(id));
                Button pause = button("live-pause-consumer", "Pause", "mdi2p-pause-circle-outline",
                        () -> act.setConsumerPaused(id, !f.isPaused(id)));
                actions.getChildren().addAll(crash, restore, pause,
                        button("live-add-instance", "+1", "mdi2p-plus", () -> act.changeInstances(id, 1)),
                        button("live-remove-instance", "−1", "mdi2m-minus", () -> act.changeInstances(id, -1)));
                refreshActions = () -> {
                    int crashed = f.crashedCount(id);
                    boolean allCrashed = crashed >= f.instances(id, run.runningFlow());
                    setDisabled(crash, allCrashed, restore);
                    setDisabled(restore, crashed == 0, crash);
                    boolean paused = f.isPaused(id);
                    relabel(pause, paused ? "Resume" : "Pause", paused ? "mdi2p-play-circle-outline" : "mdi2p-pause-circle-outline");
                };
            }
            case SOURCE -> {
                double rate = f.rate(id, run.runningFlow());
                rateSpinner = new Spinner<>(0.0, 1_000_000.0, rate, rate >= 100 ? 10 : 1);
                rateSpinner.setId("live-rate");
                rateSpinner.setEditable(true);
                rateSpinner.setPrefWidth(110);
                rateSpinner.getStyleClass().add(Styles.SMALL);
                rateSpinner.valueProperty().addListener((obs, old, v) -> {
                    if (v != null && !v.equals(old)) {
                        act.setSourceRate(id, v);
                    }
                });
                Label perSecond = new Label("msg/s");
                perSecond.getStyleClass().add("live-caption");
                Button publishOne = button("live-publish-one", "Publish one", "mdi2e-email-fast-outline", () -> {
                    act.publishOne(id);
                    followAskedAt = 0;
                });
                // One message followed hop by hop needs its lineage, which only the simulator keeps.
                boolean traced = run.can(dev.pipewright.engine.api.Capability.LINEAGE);
                publishOne.setDisable(!traced);
                publishOne.setTooltip(new javafx.scene.control.Tooltip(traced ? "Publish one message and follow it hop by hop"
                        : "Publish one: a real broker does not trace messages; follow one in the simulator"));
                actions.getChildren().addAll(publishOne, rateSpinner, perSecond,
                        button("live-flood", FaultActions.floodText(), "mdi2w-waves", () -> act.flood(id)));
            }
            case ENDPOINT -> {
                Button endpoint = button("live-endpoint", "Take down", "mdi2l-lan-disconnect",
                        () -> act.setEndpointDown(id, !f.isDown(id)));
                actions.getChildren().add(endpoint);
                refreshActions = () -> {
                    boolean down = f.isDown(id);
                    relabel(endpoint, down ? "Bring up" : "Take down", down ? "mdi2l-lan-connect" : "mdi2l-lan-disconnect");
                };
            }
            default -> {
                Label none = new Label("No faults to inject into a " + node.kind().displayName().toLowerCase(Locale.ROOT) + ".");
                none.getStyleClass().add("live-hint");
                actions.getChildren().add(none);
            }
        }
        refreshActions.run();
    }

    /**
     * Disables {@code b} or enables it again. A focused button about to be disabled hands the
     * focus to {@code instead} first, so it stays where the person works.
     */
    private static void setDisabled(Button b, boolean disabled, Button instead) {
        if (disabled && b.getScene() != null && b.getScene().getFocusOwner() == b && !instead.isDisabled()) {
            instead.requestFocus();
        }
        b.setDisable(disabled);
    }

    private static void relabel(Button b, String text, String icon) {
        if (!text.equals(b.getText())) {
            b.setText(text);
            b.setGraphic(new FontIcon(icon));
        }
    }

    /** Focuses the rate field of a selected source (from the context menu). */
    void focusRate() {
        if (rateSpinner != null) {
            rateSpinner.requestFocus();
            rateSpinner.getEditor().selectAll();
        }
    }

    private Button button(String id, String text, String icon, Runnable action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().add(Styles.SMALL);
        b.setOnAction(e -> {
            action.run();
            refreshActions.run();
        });
        return b;
    }

    /** Shows the latest statistics of the selected node. */
    void update(Snapshot s, Flow flow, RateMeter rates) {
        if (nodeId == null || s == null) {
            return;
        }
        refreshActions.run();
        NodeStats n = s.nodes().get(nodeId);
        if (n == null) {
            hint.setText("This node is not in the running flow yet: restart the run to include it.");
            return;
        }
        hint.setText("");
        if (n.kind() == dev.pipewright.model.NodeKind.SOURCE) {
            follow(nodeId);
        }
        fillGrid(stats, NodeStatsText.rows(n, rates.nodeInRate(nodeId), rates.nodeOutRate(nodeId)).stream()
                .map(r -> new String[] {r.name(), r.value()}).toList(), false);
        if (n.kind().isQueueLike() && flow.node(nodeId).isPresent()) {
            TheoryReading reading = TheoryReading.of(flow, s, nodeId, rates.nodeInRate(nodeId));
            List<String[]> rows = new java.util.ArrayList<>();
            rows.add(new String[] {"", "M/M/c", "Run"});
            TheoryText.rows(reading).forEach(r -> rows.add(new String[] {r.quantity(), r.theory(), r.run()}));
            fillGrid(theory, rows, true);
            little.setText(TheoryText.little(reading));
            outlook.setText(TheoryText.outlook(reading));
            theoryNotes.setText(String.join("\n", reading.notes()));
        }
    }

    private static void fillGrid(GridPane grid, List<String[]> rows, boolean header) {
        int columns = rows.isEmpty() ? 0 : rows.getFirst().length;
        if (grid.getChildren().size() != rows.size() * columns) {
            grid.getChildren().clear();
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < columns; c++) {
                    Label l = new Label();
                    l.getStyleClass().add(c == 0 ? "live-key" : "live-value");
                    if (header && r == 0) {
                        l.getStyleClass().add("live-grid-header");
                    }
                    grid.add(l, c, r);
                }
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns; c++) {
                Label l = (Label) grid.getChildren().get(r * columns + c);
                String text = rows.get(r)[c];
                if (!text.equals(l.getText())) {
                    l.setText(text);
                }
            }
        }
    }

    /** Asks for the history of the message published by hand, unless a question is out or was asked just now. */
    private void follow(String sourceId) {
        long now = System.nanoTime();
        if (followAsked || now - followAskedAt < FOLLOW_EVERY_NANOS) {
            return;
        }
        followAsked = true;
        followAskedAt = now;
        run.publishedByHand(sourceId, found -> {
            followAsked = false;
            if (sourceId.equals(nodeId)) {
                String text = found.isEmpty() ? NOTHING_FOLLOWED
                        : "Message #" + found.get().messageId() + "\n" + LineageText.of(found);
                if (!text.equals(followed.getText())) {
                    followed.setText(text);
                }
            }
        });
    }

    private void fetchMessages() {
        String id = nodeId;
        if (id == null) {
            return;
        }
        run.peek(id, PEEK_LIMIT, list -> {
            if (id.equals(nodeId)) {
                messages.getItems().setAll(list);
                messages.setPlaceholder(new Label(run.latest() == null ? "Press play first" : "No message is waiting"));
            }
        });
    }

    private void showLineage(MessageView m) {
        if (m == null) {
            lineage.clear();
            return;
        }
        StringBuilder head = new StringBuilder();
        head.append("Message #").append(m.id()).append(" — ").append(m.state()).append(", delivered ")
                .append(m.deliveryCount()).append("×, created at ").append(LiveFormat.elapsed(m.createdAt()))
                .append(", in this queue since ").append(LiveFormat.elapsed(m.enqueuedAt())).append('\n');
        Broker broker = flow == null ? Broker.GENERIC : flow.info().broker();
        DeadLetterHeaders.lines(broker, m.deaths(), id -> flow == null ? id : flow.node(id).map(Node::name).orElse(id))
                .forEach(line -> head.append(line).append('\n'));
        if (!Lineage.sampled(m.id())) {
            lineage.setText(head + "\nThis message is not in the traced sample: after a run's first "
                    + LiveFormat.count(Lineage.ALL_UP_TO) + " messages the engine keeps the lineage of every "
                    + Lineage.SAMPLE_EVERY + "th only, so memory stays bounded. Pick one marked ◆.");
            return;
        }
        lineage.setText(head + "\nLooking up its lineage…");
        long id = m.id();
        run.lineage(id, found -> {
            MessageView now = messages.getSelectionModel().getSelectedItem();
            if (now != null && now.id() == id) {
                lineage.setText(head + "\n" + LineageText.of(found));
            }
        });
    }

    private static final class MessageCell extends ListCell<MessageView> {
        @Override
        protected void updateItem(MessageView m, boolean empty) {
            super.updateItem(m, empty);
            if (empty || m == null) {
                setText(null);
                return;
            }
            setText((Lineage.sampled(m.id()) ? "◆ " : "   ") + "#" + m.id() + "  " + m.state()
                    + (m.deliveryCount() > 0 ? "  delivered " + m.deliveryCount() + "×" : "")
                    + (m.deaths().isEmpty() ? "" : "  " + m.deaths().getLast().reason()));
        }
    }

    String selectedNodeId() {
        return nodeId;
    }
}
