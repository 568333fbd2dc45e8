// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.model.Edge;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Polygon;

/**
 * One wire on the canvas: a cubic curve from an output port to an input port, an arrowhead, and
 * the wire's binding key or route name. A wider invisible curve under it makes it easy to click.
 */
final class WireView extends Group {
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final double ARROW_LENGTH = 9;

    private final CubicCurve hitArea = new CubicCurve();
    private final CubicCurve curve = new CubicCurve();
    private final Polygon arrow = new Polygon(0, 0, -ARROW_LENGTH, -4.5, -ARROW_LENGTH, 4.5);
    private Label label;
    private Edge edge;
    private boolean selected;

    private final Group labelLayer;

    /** A wire whose label, if it has one, goes into {@code labelLayer} (above the cards, so it stays readable). */
    WireView(Edge edge, Group labelLayer) {
        this.labelLayer = labelLayer;
        getStyleClass().add("wire-view");
        hitArea.getStyleClass().add("wire-hit");
        hitArea.setFill(null);
        // Opacity 0 rather than a transparent stroke: still picked by the mouse, never drawn.
        hitArea.setStroke(Color.BLACK);
        hitArea.setOpacity(0);
        hitArea.setStrokeWidth(12);
        curve.getStyleClass().add("wire");
        curve.setFill(null);
        curve.setMouseTransparent(true);
        arrow.getStyleClass().add("wire-arrow");
        arrow.setMouseTransparent(true);
        getChildren().addAll(hitArea, curve, arrow);
        update(edge);
    }

    String edgeId() {
        return edge.id();
    }

    Edge edge() {
        return edge;
    }

    CubicCurve curve() {
        return curve;
    }

    void update(Edge newEdge) {
        if (edge == null || edge.fromPort() != newEdge.fromPort()) {
            getStyleClass().removeIf(c -> c.startsWith("port-"));
            getStyleClass().add(NodeStyle.portStyleClass(newEdge.fromPort()));
        }
        this.edge = newEdge;
        String text = labelText(newEdge);
        if (text.isEmpty()) {
            if (label != null) {
                label.setVisible(false);
            }
        } else {
            if (label == null) {
                label = new Label();
                label.getStyleClass().add("wire-label");
                // Centre the label on its anchor point whatever its width.
                label.translateXProperty().bind(label.widthProperty().divide(-2));
                label.translateYProperty().bind(label.heightProperty().divide(-2));
                label.setMouseTransparent(true);
                label.pseudoClassStateChanged(SELECTED, selected);
                labelLayer.getChildren().add(label);
            }
            label.setText(text);
            label.setVisible(true);
            placeLabel();
        }
    }

    private static String labelText(Edge e) {
        if (e.key() != null) {
            return e.key();
        }
        if (!e.headers().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> h : e.headers().entrySet()) {
                sb.append(sb.isEmpty() ? "" : ", ").append(h.getKey()).append('=').append(h.getValue());
            }
            return sb.toString();
        }
        return "";
    }

    /** Takes the label away with the wire. */
    void dispose() {
        if (label != null) {
            labelLayer.getChildren().remove(label);
        }
    }

    /** Routes the curve from the output port at {@code start} to the input port at {@code end}. */
    void route(Point2D start, Point2D end) {
        Point2D tip = end.subtract(PortView.RADIUS, 0);
        Point2D last = tip.subtract(ARROW_LENGTH - 1, 0);
        double dx = last.getX() - start.getX();
        double dy = last.getY() - start.getY();
        double reach = Math.max(40, Math.min(160, Math.hypot(dx, dy) * 0.45));
        if (dx < 0) {
            reach = Math.max(reach, Math.min(200, -dx * 0.6 + 60)); // a wire going back loops round
        }
        Point2D c1 = start.add(reach, 0);
        Point2D c2 = last.subtract(reach, 0);
        for (CubicCurve c : new CubicCurve[] {curve, hitArea}) {
            c.setStartX(start.getX());
            c.setStartY(start.getY());
            c.setControlX1(c1.getX());
            c.setControlY1(c1.getY());
            c.setControlX2(c2.getX());
            c.setControlY2(c2.getY());
            c.setEndX(last.getX());
            c.setEndY(last.getY());
        }
        arrow.setLayoutX(tip.getX());
        arrow.setLayoutY(tip.getY());
        placeLabel();
    }

    private void placeLabel() {
        if (label != null && label.isVisible()) {
            Point2D mid = pointAt(0.5);
            label.setLayoutX(mid.getX());
            label.setLayoutY(mid.getY());
        }
    }

    /** The point at parameter {@code t} (0 = start, 1 = end) of the curve, in canvas coordinates. */
    Point2D pointAt(double t) {
        double u = 1 - t;
        double a = u * u * u;
        double b = 3 * u * u * t;
        double c = 3 * u * t * t;
        double d = t * t * t;
        return new Point2D(
                a * curve.getStartX() + b * curve.getControlX1() + c * curve.getControlX2() + d * curve.getEndX(),
                a * curve.getStartY() + b * curve.getControlY1() + c * curve.getControlY2() + d * curve.getEndY());
    }

    /** Where the label sits (the curve's middle), for in-place editing of the key. */
    Point2D labelAnchor() {
        return pointAt(0.5);
    }

    void setSelected(boolean selected) {
        this.selected = selected;
        pseudoClassStateChanged(SELECTED, selected);
        if (label != null) {
            label.pseudoClassStateChanged(SELECTED, selected);
        }
    }
}
