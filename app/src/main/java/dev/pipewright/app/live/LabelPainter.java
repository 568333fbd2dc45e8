// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import java.util.HashMap;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Paints a short text in a rounded box (a rate pill, a wire's rate) on a canvas, at a zoom, and
 * measures text for it. A text's width is the sum of its characters' advances, each measured once
 * per font: the numbers change at every snapshot, and measuring each new string with a text
 * layout allocated more than the rest of the live view together.
 */
final class LabelPainter {
    /** Characters with an advance table entry: Latin-1, which covers the digits, units and "·". */
    private static final int TABLE = 256;
    private static final Text MEASURE = new Text();
    /** Per base font: the last zoom asked for and the font for it, then every size made so far. */
    private static final Map<Font, Map<Double, Font>> FONTS = new HashMap<>();
    private static final Map<Font, double[]> ADVANCES = new HashMap<>();

    private LabelPainter() {
    }

    /** {@code base} scaled by {@code zoom}, at quarter-pixel steps so a zoom gesture makes few fonts. */
    static Font font(Font base, double zoom) {
        double size = Math.max(1, Math.round(base.getSize() * zoom * 4) / 4.0);
        return FONTS.computeIfAbsent(base, k -> new HashMap<>()).computeIfAbsent(size, k -> {
            String style = base.getStyle().toLowerCase(java.util.Locale.ROOT);
            FontWeight weight = style.contains("bold") ? FontWeight.BOLD : FontWeight.NORMAL;
            FontPosture posture = style.contains("italic") ? FontPosture.ITALIC : FontPosture.REGULAR;
            return Font.font(base.getFamily(), weight, posture, size);
        });
    }

    /** The width of {@code text} in {@code base} at {@code zoom}, in pixels. */
    static double width(String text, Font base, double zoom) {
        Font f = font(base, zoom);
        double[] advances = ADVANCES.computeIfAbsent(f, k -> {
            double[] table = new double[TABLE];
            java.util.Arrays.fill(table, Double.NaN);
            return table;
        });
        double w = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < TABLE) {
                if (Double.isNaN(advances[c])) {
                    advances[c] = measure(String.valueOf(c), f);
                }
                w += advances[c];
            } else {
                w += measure(String.valueOf(c), f);
            }
        }
        return w;
    }

    /** The height of a box {@link #boxed} paints for {@code base} at {@code zoom}: a line and the padding. */
    static double height(Font base, double zoom, double padY) {
        return font(base, zoom).getSize() * 1.3 + 2 * padY * zoom;
    }

    private static double measure(String s, Font f) {
        MEASURE.setFont(f);
        MEASURE.setText(s);
        return MEASURE.getLayoutBounds().getWidth();
    }

    /**
     * Paints {@code text} in a box with a one-pixel border and round ends (or, when the border and
     * the fill are alike, a plain box with small corners), its vertical middle at
     * {@code y}; {@code x} is the box's right end for {@link TextAlignment#RIGHT}, its middle for
     * {@link TextAlignment#CENTER}, its left end otherwise. Padding is in canvas units.
     */
    static void boxed(GraphicsContext g, BadgePalette.Box box, String text, double x, double y, double zoom,
            double padX, double padY, TextAlignment align) {
        Font f = font(box.font(), zoom);
        double tw = width(text, box.font(), zoom);
        double w = tw + 2 * padX * zoom;
        double h = height(box.font(), zoom, padY);
        double left = switch (align) {
            case RIGHT -> x - w;
            case CENTER -> x - w / 2;
            default -> x;
        };
        double top = y - h / 2;
        if (BadgePalette.isVisible(box.border()) && !box.border().equals(box.fill())) {
            g.setFill(box.border());
            g.fillRoundRect(left, top, w, h, h, h);
            double inset = Math.min(1, zoom);
            g.setFill(box.fill());
            g.fillRoundRect(left + inset, top + inset, w - 2 * inset, h - 2 * inset, h - 2 * inset, h - 2 * inset);
        } else if (BadgePalette.isVisible(box.fill())) {
            g.setFill(box.fill());
            g.fillRoundRect(left, top, w, h, 8 * zoom, 8 * zoom); // a plain label: no border, corners of 4
        }
        g.setFill(box.text());
        g.setFont(f);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, left + w / 2, y);
    }
}
