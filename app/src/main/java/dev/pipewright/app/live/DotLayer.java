// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.app.canvas.FlowCanvas;
import dev.pipewright.engine.api.EdgeStats;
import dev.pipewright.engine.api.Snapshot;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import java.util.List;
import java.util.Objects;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;

/**
 * Draws the {@link DotField} over the canvas. All dots are painted into one JavaFX canvas:
 * one node however many dots, which the rendering benchmark showed to be several times faster than
 * a node per dot (docs/benchmarks.md). It is a {@link ScreenCanvas} over the wires, one pixel per
 * screen pixel, repainted only when a dot moved or the view changed.
 */
final class DotLayer {
    /** Colours by outcome: ok, redelivered, dead-lettered, expired. */
    static final Color[] COLOURS = {
        Color.web("#3b82f6"), Color.web("#f59e0b"), Color.web("#e11d48"), Color.web("#94a3b8")};
    static final double RADIUS = 3.6;
    private static final double PAD = 8;
    /** On-screen diameter up to which dots are drawn as squares. */
    private static final double TINY_PIXELS = 4;

    private final FlowCanvas flowCanvas;
    private final DotField field;
    private final ScreenCanvas screen;
    private final DotSprites sprites = new DotSprites();
    private String[] edgeIds = new String[0];
    private CubicCurve[] curves = new CubicCurve[0];
    private boolean changed = true;
    private int drawnDots;

    DotLayer(FlowCanvas flowCanvas, DotField field) {
        this.flowCanvas = Objects.requireNonNull(flowCanvas, "flowCanvas");
        this.field = Objects.requireNonNull(field, "field");
        // Under everything else on the screen overlay (the badges, the toast).
        this.screen = new ScreenCanvas(flowCanvas, "live-dots", 0);
    }

    /** Follows the wires of {@code flow}: dots start afresh. */
    void wiresChanged(Flow flow) {
        List<Edge> edges = flow.edges();
        edgeIds = new String[edges.size()];
        curves = new CubicCurve[edges.size()];
        for (int i = 0; i < edges.size(); i++) {
            edgeIds[i] = edges.get(i).id();
            curves[i] = flowCanvas.wireShape(edgeIds[i]).orElse(null);
        }
        field.resize(edges.size());
        changed = true;
    }

    /** Starts dots for what crossed each wire in {@code s} since the last snapshot. */
    void spawn(Snapshot s, double spreadSeconds) {
        for (int i = 0; i < edgeIds.length; i++) {
            EdgeStats e = s.edges().get(edgeIds[i]);
            if (e != null && curves[i] != null && field.spawn(i, e, spreadSeconds) > 0) {
                changed = true;
            }
        }
    }

    /** Says that the dots moved, so the next {@link #draw()} paints them. */
    void moved() {
        // Also when the last dot just arrived: the frame that still shows it must be cleared.
        if (field.count() > 0 || drawnDots > 0) {
            changed = true;
        }
    }

    /** Paints every dot on its wire, unless nothing changed since the last frame. */
    void draw() {
        if (!screen.due(changed, wireSignature())) {
            return;
        }
        changed = false;
        GraphicsContext g = coverWires();
        int n = field.count();
        drawnDots = n;
        double zoom = screen.zoom();
        double r = RADIUS * zoom;
        double d = 2 * r;
        // Level of detail: a dot a few pixels wide looks the same as a square, which the software
        // pipeline fills several times faster than an antialiased oval.
        boolean tiny = d <= TINY_PIXELS;
        // Larger dots are copied from a small antialiased image, at whole pixels.
        double half = DotSprites.side(d) / 2.0;
        // One pass per colour, so the fill changes four times a frame, not once a dot.
        for (int outcome = 0; outcome < COLOURS.length; outcome++) {
            g.setFill(COLOURS[outcome]);
            javafx.scene.image.Image sprite = tiny ? null : sprites.dot(COLOURS[outcome], d);
            for (int i = 0; i < n; i++) {
                if (field.outcomeOf(i) != outcome) {
                    continue;
                }
                CubicCurve w = curves[field.edgeOf(i)];
                if (w == null) {
                    continue;
                }
                double t = field.progressOf(i);
                double u = 1 - t;
                double a = u * u * u;
                double b = 3 * u * u * t;
                double c = 3 * u * t * t;
                double e = t * t * t;
                double x = screen.x(a * w.getStartX() + b * w.getControlX1() + c * w.getControlX2() + e * w.getEndX());
                double y = screen.y(a * w.getStartY() + b * w.getControlY1() + c * w.getControlY2() + e * w.getEndY());
                if (tiny) {
                    g.fillRect(x - r, y - r, d, d);
                } else {
                    g.drawImage(sprite, Math.round(x - half), Math.round(y - half));
                }
            }
        }
    }

    /** A number that changes when any wire moves (a card dragged while the run is paused). */
    private double wireSignature() {
        double sum = 0;
        for (CubicCurve w : curves) {
            if (w != null) {
                sum = 31 * sum + w.getStartX() + 3 * w.getStartY() + 5 * w.getEndX() + 7 * w.getEndY();
            }
        }
        return sum;
    }

    /** Lays the canvas over the extent of all wires (which moves when a node is dragged) and clears it. */
    private GraphicsContext coverWires() {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (CubicCurve w : curves) {
            if (w == null) {
                continue;
            }
            x0 = Math.min(x0, Math.min(Math.min(w.getStartX(), w.getEndX()), Math.min(w.getControlX1(), w.getControlX2())));
            y0 = Math.min(y0, Math.min(Math.min(w.getStartY(), w.getEndY()), Math.min(w.getControlY1(), w.getControlY2())));
            x1 = Math.max(x1, Math.max(Math.max(w.getStartX(), w.getEndX()), Math.max(w.getControlX1(), w.getControlX2())));
            y1 = Math.max(y1, Math.max(Math.max(w.getStartY(), w.getEndY()), Math.max(w.getControlY1(), w.getControlY2())));
        }
        return screen.begin(x0, y0, x1, y1, PAD);
    }

    /** Removes every dot and forgets the counts, e.g. after a reset. */
    void clear() {
        field.clear();
        changed = true;
        draw();
    }

    int visibleDots() {
        return field.count();
    }
}
