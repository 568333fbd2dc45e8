// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.app.canvas.FlowCanvas;
import dev.pipewright.app.canvas.NodeView;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.canvas.GraphicsContext;

/**
 * Paints the live decorations of every card ({@link NodeBadge}) and the rate of every wire
 * ({@link WireRates}) into one {@link ScreenCanvas} over the cards, above the dots. It repaints
 * when told the numbers changed (a new snapshot), when the view or a card moved, and when the
 * theme changed; otherwise a frame costs nothing here. Text is left out below the zoom at which
 * the canvas hides card details, as it would be too small to read.
 */
final class BadgeLayer {
    /** Room around a card for the pill above it, the ring and the pips below it, in canvas units. */
    private static final double MARGIN = 24;

    private final FlowCanvas flowCanvas;
    private final ScreenCanvas screen;
    private final BadgePalette palette = new BadgePalette();
    private boolean changed = true;
    private BadgePalette.Box drawnTheme;

    BadgeLayer(FlowCanvas flowCanvas) {
        this.flowCanvas = Objects.requireNonNull(flowCanvas, "flowCanvas");
        // Above the dots, which are first on the overlay; under the toast.
        this.screen = new ScreenCanvas(flowCanvas, "live-badges", 1);
        flowCanvas.screenOverlay().getChildren().add(palette.probes());
    }

    /** Says the numbers changed, so the next {@link #draw} paints them. */
    void changed() {
        changed = true;
    }

    /** Paints {@code badges} and {@code wires} unless nothing changed since the last frame. */
    void draw(Collection<NodeBadge> badges, WireRates wires) {
        BadgePalette.Box theme = palette.pill(QueueHealth.Level.OK, false);
        if (!screen.due(changed || !theme.equals(drawnTheme), placeSignature(badges))) {
            return;
        }
        changed = false;
        drawnTheme = theme;
        GraphicsContext g = coverCards(badges);
        double zoom = screen.zoom();
        boolean text = flowCanvas.showsDetails();
        for (NodeBadge b : badges) {
            Optional<NodeView> v = flowCanvas.nodeView(b.nodeId);
            if (v.isPresent()) {
                b.paint(g, palette, screen.x(v.get().getLayoutX()), screen.y(v.get().getLayoutY()), zoom, text);
            }
        }
        if (text) {
            wires.paint(g, palette, zoom, screen.x(0), screen.y(0));
        }
    }

    /** A number that changes when any card moves (a drag while the run is paused). */
    private double placeSignature(Collection<NodeBadge> badges) {
        double sum = 0;
        for (NodeBadge b : badges) {
            Optional<NodeView> v = flowCanvas.nodeView(b.nodeId);
            if (v.isPresent()) {
                sum = 31 * sum + v.get().getLayoutX() + 3 * v.get().getLayoutY();
            }
        }
        return sum;
    }

    /** Lays the canvas over the cards' extent and clears it. */
    private GraphicsContext coverCards(Collection<NodeBadge> badges) {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (NodeBadge b : badges) {
            Optional<Bounds> card = flowCanvas.nodeBounds(b.nodeId);
            if (card.isPresent()) {
                x0 = Math.min(x0, card.get().getMinX());
                y0 = Math.min(y0, card.get().getMinY());
                x1 = Math.max(x1, card.get().getMaxX());
                y1 = Math.max(y1, card.get().getMaxY());
            }
        }
        return screen.begin(x0, y0, x1, y1, MARGIN);
    }
}
