// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.app.canvas.FlowCanvas;
import java.util.Objects;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;

/**
 * A {@link Canvas} on the flow canvas's screen overlay that the live view paints into: one pixel
 * per screen pixel (so the renderer copies it without scaling), laid over a part of the diagram
 * and cut to the visible area, and resized only when that part changes on screen. It also tells
 * whether a repaint is due, so a frame in which nothing moved costs nothing.
 */
final class ScreenCanvas {
    private final FlowCanvas flowCanvas;
    private final Canvas canvas = new Canvas(1, 1);
    private double left;
    private double top;
    private double zoom = Double.NaN;
    private double originX;
    private double originY;
    private double signature;

    /** A canvas with {@code id}, added to the overlay at {@code index} (under the toast). */
    ScreenCanvas(FlowCanvas flowCanvas, String id, int index) {
        this.flowCanvas = Objects.requireNonNull(flowCanvas, "flowCanvas");
        canvas.setId(id);
        canvas.setMouseTransparent(true);
        canvas.setManaged(false);
        flowCanvas.screenOverlay().getChildren().add(index, canvas);
    }

    /**
     * Whether to repaint: the content changed, or the view (zoom, pan) or {@code places} (a
     * number that follows where the painted things are) did since the last repaint.
     */
    boolean due(boolean contentChanged, double places) {
        Point2D origin = flowCanvas.canvasToScreen(Point2D.ZERO);
        double z = flowCanvas.zoomProperty().get();
        if (!contentChanged && z == zoom && origin.getX() == originX && origin.getY() == originY
                && places == signature) {
            return false;
        }
        zoom = z;
        originX = origin.getX();
        originY = origin.getY();
        signature = places;
        return true;
    }

    /**
     * Lays the canvas over the rectangle from ({@code x0}, {@code y0}) to ({@code x1}, {@code y1})
     * in canvas units, grown by {@code pad} units and cut to the visible area, and clears it.
     * Call after {@link #due} said yes; then paint at {@link #x}, {@link #y}.
     */
    GraphicsContext begin(double x0, double y0, double x1, double y1, double pad) {
        double sx0 = 0;
        double sy0 = 0;
        double sx1 = 0;
        double sy1 = 0;
        if (x0 <= x1 && y0 <= y1) {
            sx0 = Math.max(0, Math.floor((x0 - pad) * zoom + originX));
            sy0 = Math.max(0, Math.floor((y0 - pad) * zoom + originY));
            sx1 = Math.min(flowCanvas.getWidth(), Math.ceil((x1 + pad) * zoom + originX));
            sy1 = Math.min(flowCanvas.getHeight(), Math.ceil((y1 + pad) * zoom + originY));
        }
        // A canvas cannot be empty; a one-pixel one in the corner shows nothing.
        double w = Math.max(1, sx1 - sx0);
        double h = Math.max(1, sy1 - sy0);
        if (w != canvas.getWidth() || h != canvas.getHeight()) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        if (sx0 != left || sy0 != top) {
            left = sx0;
            top = sy0;
            canvas.relocate(sx0, sy0);
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        return g;
    }

    /** The zoom of the last {@link #due} that said yes. */
    double zoom() {
        return zoom;
    }

    /** Where canvas unit {@code x} is on this canvas, in pixels. */
    double x(double x) {
        return x * zoom + originX - left;
    }

    /** Where canvas unit {@code y} is on this canvas, in pixels. */
    double y(double y) {
        return y * zoom + originY - top;
    }

    Canvas canvas() {
        return canvas;
    }
}
