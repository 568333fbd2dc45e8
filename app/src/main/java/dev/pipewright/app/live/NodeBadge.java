// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.app.canvas.NodeView;
import dev.pipewright.app.skin.KindSkin;
import dev.pipewright.app.skin.KindSkins;
import dev.pipewright.engine.api.NodeStats;
import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.QueueSettings;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * The live decorations of one node's card: a rate pill on its top edge (for queues with the
 * depth), a fill bar along the bottom of queues (ready, unacknowledged, scheduled), instance pips
 * for consumers, and a warning ring when a queue grows without bound.
 *
 * <p>It keeps what to show and paints it on the {@link BadgeLayer}'s canvas, in screen pixels at
 * the card's place and zoom. Painting instead of a node per pill, bar and pip spares the FX
 * thread the styling, layout and bounds work of hundreds of changing nodes at every snapshot,
 * which the rendering benchmark showed to be most of a frame's work (docs/benchmarks.md).
 */
final class NodeBadge {
    /** Sizes in canvas units, as on a card at 100%. */
    private static final double BAR_X = 10;
    private static final double BAR_W = NodeView.WIDTH - 20;
    private static final double BAR_H = 4;
    private static final double PIP_RADIUS = 3.4;
    private static final double PIP_GAP = 3;
    private static final int MAX_PIPS = 12;
    static final Color BUSY = Color.web("#16a34a");
    static final Color IDLE = Color.web("#cbd5e1");
    static final Color PAUSED = Color.web("#f59e0b");
    static final Color CRASHED = Color.web("#e11d48");

    final String nodeId;
    final NodeKind kind;
    private final KindSkin<?> skin;
    private final QueueHealth health = new QueueHealth();
    private boolean shown;
    private String pill;
    private boolean down;
    private double ready;
    private double unacked;
    private double scheduled;
    private String pips = "";

    NodeBadge(Node node) {
        this.nodeId = node.id();
        this.kind = node.kind();
        this.skin = KindSkins.of(kind);
    }

    void setShown(boolean shown) {
        this.shown = shown;
    }

    void reset() {
        health.reset();
        pill = null;
        pips = "";
        ready = 0;
        unacked = 0;
        scheduled = 0;
    }

    /** Takes {@code s} with the rates measured lately. */
    void show(Node node, NodeStats s, double time, double inRate, double outRate, double utilisation) {
        String text = NodeStatsText.rateBadge(kind, inRate, outRate);
        if (skin.holdsMessages()) {
            Integer max = node instanceof QueueSettings q ? q.maxLength() : null;
            text = NodeStatsText.depthBadge(s, max) + "  ·  " + text;
            fill(s, max);
            double fullness = max == null ? Double.NaN : s.depth() / (double) max;
            // Where growth is expected (a dead-letter queue collects), only fullness warns.
            double rho = skin.warnsOnGrowth() ? utilisation : 0;
            health.update(time, s.depth(), rho, fullness);
        }
        if (skin.badgeSaysDown() && !s.up()) {
            text = "down  ·  " + text;
        }
        down = skin.downState() != null && !s.up();
        if (skin.showsPips()) {
            pips = NodeStatsText.pips(s);
        }
        pill = text;
    }

    QueueHealth.Level level() {
        return health.level();
    }

    String pillText() {
        return pill;
    }

    /** The share of the bar's width for ready, unacknowledged and scheduled messages. */
    private void fill(NodeStats s, Integer max) {
        double depth = s.depth();
        // Bounded: against the limit. Unbounded: a soft logarithmic scale, full at 10,000.
        double fill = max != null ? Math.min(1, depth / max) : Math.min(1, Math.log10(1 + depth) / 4);
        double total = Math.max(1, depth);
        ready = fill * s.ready() / total;
        unacked = fill * s.unacked() / total;
        scheduled = fill * s.scheduled() / total;
    }

    /**
     * Paints the decorations of a card whose top-left corner is at ({@code x}, {@code y}) on
     * screen, at {@code zoom} pixels per canvas unit; the pill only when {@code text} is true.
     */
    void paint(GraphicsContext g, BadgePalette palette, double x, double y, double zoom, boolean text) {
        if (!shown) {
            return;
        }
        QueueHealth.Level level = health.level();
        if (skin.holdsMessages()) {
            if (level != QueueHealth.Level.OK) {
                g.setGlobalAlpha(palette.ringOpacity());
                g.setStroke(palette.ring(level == QueueHealth.Level.RUNAWAY));
                g.setLineWidth(Math.max(1, 2 * zoom));
                g.strokeRoundRect(x - 3 * zoom, y - 3 * zoom, (NodeView.WIDTH + 6) * zoom, (NodeView.HEIGHT + 6) * zoom,
                        22 * zoom, 22 * zoom);
                g.setGlobalAlpha(1);
            }
            double bx = x + BAR_X * zoom;
            double by = y + (NodeView.HEIGHT - 7) * zoom;
            double bw = BAR_W * zoom;
            double bh = BAR_H * zoom;
            g.setFill(palette.track());
            g.fillRoundRect(bx, by, bw, bh, bh, bh);
            g.setFill(palette.ready());
            g.fillRect(bx, by, bw * ready, bh);
            g.setFill(palette.unacked());
            g.fillRect(bx + bw * ready, by, bw * unacked, bh);
            g.setFill(palette.scheduled());
            g.fillRect(bx + bw * (ready + unacked), by, bw * scheduled, bh);
        }
        if (skin.showsPips() && !pips.isEmpty()) {
            paintPips(g, palette, x, y, zoom);
        }
        if (text && pill != null) {
            BadgePalette.Box box = palette.pill(level, down);
            // The pill's right end sits 8 units in from the card's right edge, its middle on the top edge.
            LabelPainter.boxed(g, box, pill, x + (NodeView.WIDTH - 8) * zoom, y, zoom, 7, 1, TextAlignment.RIGHT);
        }
    }

    private void paintPips(GraphicsContext g, BadgePalette palette, double x, double y, double zoom) {
        int n = Math.min(MAX_PIPS, pips.length());
        BadgePalette.Box box = palette.pips();
        String more = pips.length() > MAX_PIPS ? "+" + (pips.length() - MAX_PIPS) : null;
        double moreWidth = more == null ? 0 : LabelPainter.width(more, box.font(), zoom) + PIP_GAP * zoom;
        double r = PIP_RADIUS * zoom;
        double w = (12 + n * 2 * PIP_RADIUS + (n - 1) * PIP_GAP) * zoom + moreWidth;
        double h = (4 + 2 * PIP_RADIUS) * zoom;
        double right = x + (NodeView.WIDTH - 8) * zoom;
        double top = y + (NodeView.HEIGHT - 8) * zoom;
        double left = right - w;
        g.setFill(box.border());
        g.fillRoundRect(left, top, w, h, h, h);
        double inset = Math.min(1, zoom);
        g.setFill(box.fill());
        g.fillRoundRect(left + inset, top + inset, w - 2 * inset, h - 2 * inset, h - 2 * inset, h - 2 * inset);
        double cx = left + 6 * zoom + r;
        double cy = top + h / 2;
        for (int i = 0; i < n; i++) {
            g.setFill(switch (pips.charAt(i)) {
                case 'B' -> BUSY;
                case 'P' -> PAUSED;
                case 'C' -> CRASHED;
                default -> IDLE;
            });
            g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
            cx += 2 * r + PIP_GAP * zoom;
        }
        if (more != null) {
            g.setFill(box.text());
            g.setFont(LabelPainter.font(box.font(), zoom));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(more, cx - r, cy);
        }
    }
}
