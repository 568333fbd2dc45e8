// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.app.canvas.NodeView;
import dev.pipewright.engine.NodeStats;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.QueueSettings;
import java.util.ArrayList;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;

/**
 * The live decorations of one node's card: a rate pill on its top edge (for queues with the
 * depth), a fill bar along the bottom of queues (ready, unacknowledged, scheduled), instance pips
 * for consumers, and a warning ring when a queue grows without bound.
 */
final class NodeBadge {
    private static final PseudoClass GROWING = PseudoClass.getPseudoClass("growing");
    private static final PseudoClass RUNAWAY = PseudoClass.getPseudoClass("runaway");
    private static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");
    private static final double BAR_X = 10;
    private static final double BAR_W = NodeView.WIDTH - 20;
    private static final int MAX_PIPS = 12;
    static final Color BUSY = Color.web("#16a34a");
    static final Color IDLE = Color.web("#cbd5e1");
    static final Color PAUSED = Color.web("#f59e0b");
    static final Color CRASHED = Color.web("#e11d48");

    final String nodeId;
    final NodeKind kind;
    private final Pane root = new Pane();
    private final Label pill = new Label();
    private final Rectangle ring = new Rectangle(-3, -3, NodeView.WIDTH + 6, NodeView.HEIGHT + 6);
    private final Rectangle track = new Rectangle(BAR_X, NodeView.HEIGHT - 7, BAR_W, 4);
    private final Rectangle ready = new Rectangle(BAR_X, NodeView.HEIGHT - 7, 0, 4);
    private final Rectangle unacked = new Rectangle(BAR_X, NodeView.HEIGHT - 7, 0, 4);
    private final Rectangle scheduled = new Rectangle(BAR_X, NodeView.HEIGHT - 7, 0, 4);
    private final HBox pips = new HBox(3);
    private final List<Circle> pipPool = new ArrayList<>();
    private final Label morePips = new Label();
    private final QueueHealth health = new QueueHealth();
    private NodeView view;
    private String pipText = "";

    NodeBadge(Node node) {
        this.nodeId = node.id();
        this.kind = node.kind();
        root.setMouseTransparent(true);
        root.setManaged(false);
        root.getStyleClass().add("live-badges");
        pill.getStyleClass().add("live-pill");
        pill.setId("live-pill-" + nodeId);
        pill.setLayoutY(-10);
        pill.setLayoutX(NodeView.WIDTH - 8);
        pill.translateXProperty().bind(pill.widthProperty().negate());
        ring.getStyleClass().add("live-ring");
        ring.setArcWidth(22);
        ring.setArcHeight(22);
        ring.setVisible(false);
        root.getChildren().addAll(ring, pill);
        if (kind.isQueueLike()) {
            track.getStyleClass().add("live-bar-track");
            ready.getStyleClass().add("live-bar-ready");
            unacked.getStyleClass().add("live-bar-unacked");
            scheduled.getStyleClass().add("live-bar-scheduled");
            for (Rectangle r : new Rectangle[] {track, ready, unacked, scheduled}) {
                r.setArcWidth(4);
                r.setArcHeight(4);
            }
            root.getChildren().addAll(track, ready, unacked, scheduled);
        }
        if (kind == NodeKind.CONSUMER) {
            pips.getStyleClass().add("live-pips");
            pips.setId("live-pips-" + nodeId);
            pips.setAlignment(javafx.geometry.Pos.CENTER);
            pips.setLayoutX(NodeView.WIDTH - 8);
            pips.setLayoutY(NodeView.HEIGHT - 8);
            pips.translateXProperty().bind(pips.widthProperty().negate());
            morePips.getStyleClass().add("live-pips-more");
            root.getChildren().add(pips);
        }
    }

    /** Puts the decorations on {@code v} (again, if the canvas made a new card). */
    void attachTo(NodeView v) {
        if (view == v) {
            return;
        }
        detach();
        view = v;
        v.decorationLayer().getChildren().add(root);
    }

    void detach() {
        if (view != null) {
            view.decorationLayer().getChildren().remove(root);
            view = null;
        }
    }

    NodeView view() {
        return view;
    }

    void setShown(boolean shown) {
        root.setVisible(shown);
    }

    void reset() {
        health.reset();
        ring.setVisible(false);
    }

    /** Shows {@code s} with the rates measured lately. */
    void show(Node node, NodeStats s, double time, double inRate, double outRate, double utilisation) {
        String text = NodeStatsText.rateBadge(kind, inRate, outRate);
        if (kind.isQueueLike()) {
            Integer max = node instanceof QueueSettings q ? q.maxLength() : null;
            text = NodeStatsText.depthBadge(s, max) + "  ·  " + text;
            showFill(s, max);
            double fullness = max == null ? Double.NaN : s.depth() / (double) max;
            // A dead-letter queue is meant to collect: only its fullness warns, not its growth.
            double rho = kind == NodeKind.DEAD_LETTER_QUEUE ? 0 : utilisation;
            QueueHealth.Level level = health.update(time, s.depth(), rho, fullness);
            ring.setVisible(level != QueueHealth.Level.OK);
            ring.pseudoClassStateChanged(RUNAWAY, level == QueueHealth.Level.RUNAWAY);
            pill.pseudoClassStateChanged(GROWING, level == QueueHealth.Level.GROWING);
            pill.pseudoClassStateChanged(RUNAWAY, level == QueueHealth.Level.RUNAWAY);
        }
        if (kind == NodeKind.ENDPOINT && !s.up()) {
            text = "down  ·  " + text;
        }
        pill.pseudoClassStateChanged(DOWN, (kind == NodeKind.ENDPOINT || kind == NodeKind.MESSAGE_STORE) && !s.up());
        if (kind == NodeKind.CONSUMER) {
            showPips(NodeStatsText.pips(s));
        }
        if (!text.equals(pill.getText())) {
            pill.setText(text);
        }
    }

    QueueHealth.Level level() {
        return health.level();
    }

    String pillText() {
        return pill.getText();
    }

    private void showFill(NodeStats s, Integer max) {
        double depth = s.depth();
        // Bounded: against the limit. Unbounded: a soft logarithmic scale, full at 10,000.
        double fill = max != null ? Math.min(1, depth / max) : Math.min(1, Math.log10(1 + depth) / 4);
        double total = Math.max(1, depth);
        double w = BAR_W * fill;
        double wr = w * s.ready() / total;
        double wu = w * s.unacked() / total;
        double ws = w * s.scheduled() / total;
        ready.setWidth(wr);
        unacked.setX(BAR_X + wr);
        unacked.setWidth(wu);
        scheduled.setX(BAR_X + wr + wu);
        scheduled.setWidth(ws);
    }

    private void showPips(String states) {
        if (states.equals(pipText)) {
            return;
        }
        pipText = states;
        int n = Math.min(MAX_PIPS, states.length());
        while (pipPool.size() < n) {
            Circle c = new Circle(3.4);
            c.getStyleClass().add("live-pip");
            pipPool.add(c);
        }
        pips.getChildren().setAll(pipPool.subList(0, n));
        for (int i = 0; i < n; i++) {
            Circle c = pipPool.get(i);
            char st = states.charAt(i);
            c.setFill(switch (st) {
                case 'B' -> BUSY;
                case 'P' -> PAUSED;
                case 'C' -> CRASHED;
                default -> IDLE;
            });
        }
        if (states.length() > MAX_PIPS) {
            morePips.setText("+" + (states.length() - MAX_PIPS));
            pips.getChildren().add(morePips);
        }
    }
}
