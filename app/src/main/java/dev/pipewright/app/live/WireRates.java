// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.app.canvas.FlowCanvas;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javafx.geometry.Point2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/**
 * The rate label of each wire during a run (e.g. {@code 820/s}), just above the middle of the
 * wire. It gives the real rate even when one dot stands for many messages. Painted on the
 * {@link BadgeLayer}'s canvas.
 */
final class WireRates {
    private final FlowCanvas canvas;
    /** The text of each wire, null while it has no traffic. */
    private final Map<String, String> texts = new LinkedHashMap<>();

    WireRates(FlowCanvas canvas) {
        this.canvas = Objects.requireNonNull(canvas, "canvas");
    }

    void wiresChanged(Flow flow) {
        Map<String, String> keep = new LinkedHashMap<>();
        for (Edge e : flow.edges()) {
            keep.put(e.id(), texts.get(e.id()));
        }
        texts.clear();
        texts.putAll(keep);
    }

    /** Takes the rate of every wire; a wire without traffic shows none. */
    void show(RateMeter rates) {
        for (Map.Entry<String, String> entry : texts.entrySet()) {
            double r = rates.edgeRate(entry.getKey());
            entry.setValue(Double.isFinite(r) && r > 0 ? LiveFormat.rate(r) : null);
        }
    }

    String text(String edgeId) {
        String t = texts.get(edgeId);
        return t == null ? "" : t;
    }

    /** Paints each label centred 5 units above its wire's middle, at the view's zoom and origin. */
    void paint(GraphicsContext g, BadgePalette palette, double zoom, double originX, double originY) {
        BadgePalette.Box box = palette.wireRate();
        double h = LabelPainter.height(box.font(), zoom, 0);
        for (Map.Entry<String, String> entry : texts.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            Point2D mid = canvas.pointOnWire(entry.getKey(), 0.5).orElse(null);
            if (mid == null) {
                continue;
            }
            double x = mid.getX() * zoom + originX;
            double y = mid.getY() * zoom + originY - 5 * zoom - h / 2;
            LabelPainter.boxed(g, box, entry.getValue(), x, y, zoom, 4, 0, TextAlignment.CENTER);
        }
    }
}
