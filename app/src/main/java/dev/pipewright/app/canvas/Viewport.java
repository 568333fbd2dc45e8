// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * The pan and zoom of the canvas: one translate and one scale on the content group. Panning and
 * zooming only change these two transforms, never the node views, so they stay fast with large
 * flows. Screen points are in the canvas region's coordinates; canvas points in model units.
 */
final class Viewport {
    static final double MIN_ZOOM = 0.1;
    static final double MAX_ZOOM = 4.0;

    private final Translate translate = new Translate();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1.0);
    private final Runnable onChange;
    private boolean adjusting;
    private double width;
    private double height;

    Viewport(Node content, Runnable onChange) {
        this.onChange = onChange;
        content.getTransforms().setAll(translate, scale);
        // Someone else (a zoom menu, a slider) setting the zoom zooms around the centre.
        zoom.addListener((obs, old, now) -> {
            if (!adjusting) {
                zoomAt(now.doubleValue(), new Point2D(width / 2, height / 2), old.doubleValue());
            }
        });
    }

    DoubleProperty zoomProperty() {
        return zoom;
    }

    double zoom() {
        return scale.getX();
    }

    void setSize(double w, double h) {
        width = w;
        height = h;
    }

    double width() {
        return width;
    }

    double height() {
        return height;
    }

    /** Sets the zoom so the canvas point under {@code screenPivot} stays where it is. */
    void zoomAt(double requested, Point2D screenPivot) {
        zoomAt(requested, screenPivot, scale.getX());
    }

    private void zoomAt(double requested, Point2D pivot, double oldZoom) {
        double clamped = clamp(requested);
        Point2D canvasPoint = new Point2D((pivot.getX() - translate.getX()) / oldZoom,
                (pivot.getY() - translate.getY()) / oldZoom);
        set(clamped, pivot.getX() - canvasPoint.getX() * clamped, pivot.getY() - canvasPoint.getY() * clamped);
    }

    void panBy(double dx, double dy) {
        set(scale.getX(), translate.getX() + dx, translate.getY() + dy);
    }

    /** Shows the canvas point {@code centre} in the middle of the viewport at {@code newZoom}. */
    void centreOn(Point2D centre, double newZoom) {
        double z = clamp(newZoom);
        set(z, width / 2 - centre.getX() * z, height / 2 - centre.getY() * z);
    }

    Point2D screenToCanvas(Point2D screen) {
        return new Point2D((screen.getX() - translate.getX()) / scale.getX(),
                (screen.getY() - translate.getY()) / scale.getY());
    }

    Point2D canvasToScreen(Point2D canvas) {
        return new Point2D(canvas.getX() * scale.getX() + translate.getX(),
                canvas.getY() * scale.getY() + translate.getY());
    }

    double translateX() {
        return translate.getX();
    }

    double translateY() {
        return translate.getY();
    }

    private void set(double z, double tx, double ty) {
        adjusting = true;
        try {
            scale.setX(z);
            scale.setY(z);
            // Whole pixels at 100% keep one-pixel borders crisp.
            translate.setX(z == 1.0 ? Math.round(tx) : tx);
            translate.setY(z == 1.0 ? Math.round(ty) : ty);
            zoom.set(z);
        } finally {
            adjusting = false;
        }
        onChange.run();
    }

    private static double clamp(double z) {
        if (Double.isNaN(z)) {
            return 1.0;
        }
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    }
}
