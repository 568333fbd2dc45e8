// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.app.canvas.FlowCanvas;
import dev.pipewright.engine.EdgeStats;
import dev.pipewright.engine.Snapshot;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import java.util.List;
import java.util.Objects;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;
import javafx.scene.transform.Scale;

/**
 * Draws the {@link DotField} on the canvas's overlay. All dots are painted into one JavaFX
 * {@link Canvas} laid over the wires, in canvas coordinates: one node however many dots, which
 * the rendering benchmark showed to be several times faster than a node per dot (docs/benchmarks.md).
 * The canvas is resized only when the wires' extent or the zoom changes, so a steady animation
 * allocates nothing per frame.
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
    private final Canvas canvas = new Canvas(1, 1);
    private final Scale scale = new Scale(1, 1);
    private String[] edgeIds = new String[0];
    private CubicCurve[] curves = new CubicCurve[0];
    private double minX;
    private double minY;
    private double resolution = 1;
    private boolean drawnEmpty;

    DotLayer(FlowCanvas flowCanvas, DotField field) {
        this.flowCanvas = Objects.requireNonNull(flowCanvas, "flowCanvas");
        this.field = Objects.requireNonNull(field, "field");
        canvas.setId("live-dots");
        canvas.setMouseTransparent(true);
        canvas.setManaged(false);
        canvas.getTransforms().add(scale);
        flowCanvas.overlayLayer().getChildren().add(canvas);
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
    }

    String edgeId(int index) {
        return edgeIds[index];
    }

    int edgeCount() {
        return edgeIds.length;
    }

    /** Starts dots for what crossed each wire in {@code s} since the last snapshot. */
    void spawn(Snapshot s, double spreadSeconds) {
        for (int i = 0; i < edgeIds.length; i++) {
            EdgeStats e = s.edges().get(edgeIds[i]);
            if (e != null && curves[i] != null) {
                field.spawn(i, e, spreadSeconds);
            }
        }
    }

    /** Paints every dot on its wire. */
    void draw() {
        int n = field.count();
        if (n == 0 && drawnEmpty) {
            return;
        }
        fitCanvas();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setTransform(resolution, 0, 0, resolution, -minX * resolution, -minY * resolution);
        g.clearRect(minX, minY, canvas.getWidth() / resolution, canvas.getHeight() / resolution);
        drawnEmpty = n == 0;
        double d = 2 * RADIUS;
        // Level of detail: a dot a few pixels wide looks the same as a square, which the software
        // pipeline fills several times faster than an antialiased oval.
        boolean tiny = d * flowCanvas.zoomProperty().get() <= TINY_PIXELS;
        // One pass per colour, so the fill changes four times a frame, not once a dot.
        for (int outcome = 0; outcome < COLOURS.length; outcome++) {
            g.setFill(COLOURS[outcome]);
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
                double x = a * w.getStartX() + b * w.getControlX1() + c * w.getControlX2() + e * w.getEndX();
                double y = a * w.getStartY() + b * w.getControlY1() + c * w.getControlY2() + e * w.getEndY();
                if (tiny) {
                    g.fillRect(x - RADIUS, y - RADIUS, d, d);
                } else {
                    g.fillOval(x - RADIUS, y - RADIUS, d, d);
                }
            }
        }
    }

    /**
     * Lays the canvas over the extent of all wires (which moves when a node is dragged), with
     * as many pixels as the zoom shows (0.25 to 2 per canvas unit), resizing it only when that changed.
     */
    private void fitCanvas() {
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
        if (x0 > x1) {
            x0 = 0;
            y0 = 0;
            x1 = 1;
            y1 = 1;
        }
        x0 = Math.floor(x0 - PAD);
        y0 = Math.floor(y0 - PAD);
        // As many pixels as the screen shows (quarter steps, 0.25 to 2 a unit), so a zoomed-out view paints few.
        double res = Math.max(0.25, Math.min(2, Math.ceil(flowCanvas.zoomProperty().get() * 4) / 4));
        double w = Math.ceil((x1 + PAD - x0) * res);
        double h = Math.ceil((y1 + PAD - y0) * res);
        if (w != canvas.getWidth() || h != canvas.getHeight() || res != resolution || x0 != minX || y0 != minY) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            minX = x0;
            minY = y0;
            resolution = res;
            canvas.setLayoutX(x0);
            canvas.setLayoutY(y0);
            scale.setX(1 / res);
            scale.setY(1 / res);
        }
    }

    /** Removes every dot and forgets the counts, e.g. after a reset. */
    void clear() {
        field.clear();
        drawnEmpty = false;
        draw();
    }

    int visibleDots() {
        return field.count();
    }
}
