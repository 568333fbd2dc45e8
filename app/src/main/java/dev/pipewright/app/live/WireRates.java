// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.app.canvas.FlowCanvas;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.control.Label;

/**
 * The rate label of each wire during a run (e.g. {@code 820/s}), just above the middle of the
 * wire. It gives the real rate even when one dot stands for many messages.
 */
final class WireRates {
    private final FlowCanvas canvas;
    private final Group group = new Group();
    private final Map<String, Label> labels = new LinkedHashMap<>();

    WireRates(FlowCanvas canvas) {
        this.canvas = Objects.requireNonNull(canvas, "canvas");
        group.setMouseTransparent(true);
        group.setManaged(false);
        group.setId("live-wire-rates");
        canvas.overlayLayer().getChildren().add(group);
    }

    void wiresChanged(Flow flow) {
        Map<String, Label> keep = new LinkedHashMap<>();
        for (Edge e : flow.edges()) {
            Label l = labels.remove(e.id());
            if (l == null) {
                l = new Label();
                l.getStyleClass().add("live-wire-rate");
                l.setId("live-wire-rate-" + e.id());
                l.setManaged(false);
                group.getChildren().add(l);
            }
            keep.put(e.id(), l);
        }
        labels.values().forEach(group.getChildren()::remove);
        labels.clear();
        labels.putAll(keep);
    }

    /** Shows the rate of every wire, placed above the wire's middle; a wire without traffic shows none. */
    void show(RateMeter rates, Map<String, Double> messagesPerDot) {
        for (Map.Entry<String, Label> entry : labels.entrySet()) {
            Label l = entry.getValue();
            double r = rates.edgeRate(entry.getKey());
            boolean on = Double.isFinite(r) && r > 0;
            if (on) {
                String text = LiveFormat.rate(r);
                if (!text.equals(l.getText())) {
                    l.setText(text);
                    l.autosize();
                }
                Double per = messagesPerDot.get(entry.getKey());
                String tip = per != null && per > 1.5 ? "one dot ≈ " + Math.round(per) + " messages" : null;
                l.setAccessibleHelp(tip);
            }
            l.setVisible(on);
        }
    }

    /** Keeps the labels on their wires (they move when a node is dragged). */
    void place() {
        for (Map.Entry<String, Label> entry : labels.entrySet()) {
            Label l = entry.getValue();
            if (!l.isVisible()) {
                continue;
            }
            Point2D mid = canvas.pointOnWire(entry.getKey(), 0.5).orElse(null);
            if (mid != null) {
                double x = Math.round(mid.getX() - l.getWidth() / 2);
                double y = Math.round(mid.getY() - l.getHeight() - 5);
                if (x != l.getLayoutX() || y != l.getLayoutY()) {
                    l.relocate(x, y);
                }
            }
        }
    }

    void hide() {
        labels.values().forEach(l -> l.setVisible(false));
    }

    String text(String edgeId) {
        Label l = labels.get(edgeId);
        return l == null || !l.isVisible() ? "" : l.getText();
    }
}
