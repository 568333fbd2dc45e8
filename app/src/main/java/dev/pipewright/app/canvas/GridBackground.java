// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;

/**
 * The dotted grid behind the diagram. It is one fill of the visible area with a small repeating
 * tile (five by five dots, the first one stronger), so a frame of panning costs one image fill
 * however many dots show; the tile is only redrawn when the zoom or the theme changes.
 */
final class GridBackground extends Canvas {
    /** Distance between dots at 100%, in canvas units; a multiple of the snap grid. */
    static final double SPACING = 20;
    private static final double MIN_SCREEN_SPACING = 14;
    private static final int DOTS_PER_TILE = 5;

    private Viewport viewport;
    private boolean dirty = true;
    private Color minor = Color.rgb(0, 0, 0, 0.14);
    private Color major = Color.rgb(0, 0, 0, 0.24);
    private WritableImage tile;
    private double tileStep;

    GridBackground() {
        setMouseTransparent(true);
        getStyleClass().add("grid-background");
    }

    void setViewport(Viewport viewport) {
        this.viewport = viewport;
    }

    /** Asks for a redraw in the next layout pass, so many pan steps in one frame draw once. */
    void requestRedraw() {
        dirty = true;
        if (getParent() != null) {
            getParent().requestLayout();
        }
    }

    void markDirty() {
        dirty = true;
    }

    void redrawIfDirty() {
        if (dirty && viewport != null) {
            dirty = false;
            redraw(viewport);
        }
    }

    /** Picks dot colours that read on the given background colour. */
    void adaptTo(Color background) {
        boolean dark = background != null && background.getBrightness() < 0.5;
        minor = dark ? Color.rgb(255, 255, 255, 0.10) : Color.rgb(15, 23, 42, 0.16);
        major = dark ? Color.rgb(255, 255, 255, 0.20) : Color.rgb(15, 23, 42, 0.30);
        tile = null;
    }

    private void redraw(Viewport viewport) {
        double w = getWidth();
        double h = getHeight();
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        double zoom = viewport.zoom();
        double spacing = SPACING;
        while (spacing * zoom < MIN_SCREEN_SPACING) {
            spacing *= DOTS_PER_TILE;
        }
        double step = spacing * zoom;
        if (tile == null || tileStep != step) {
            tile = makeTile(step);
            tileStep = step;
        }
        double size = step * DOTS_PER_TILE;
        // The screen position of a canvas point on a multiple of the tile (a strong dot).
        double originX = floorMod(viewport.translateX(), size) - size;
        double originY = floorMod(viewport.translateY(), size) - size;
        g.setFill(new ImagePattern(tile, originX - step / 2, originY - step / 2, size, size, false));
        g.fillRect(0, 0, w, h);
    }

    /** Dots at the centres of a 5 x 5 grid of cells; the tile is drawn scaled to 5 steps exactly. */
    private WritableImage makeTile(double step) {
        int n = (int) Math.ceil(step * DOTS_PER_TILE);
        WritableImage image = new WritableImage(n, n);
        PixelWriter pw = image.getPixelWriter();
        double cell = n / (double) DOTS_PER_TILE;
        for (int i = 0; i < DOTS_PER_TILE; i++) {
            for (int j = 0; j < DOTS_PER_TILE; j++) {
                boolean strong = i == 0 && j == 0;
                int dot = strong ? 3 : 2;
                int cx = (int) Math.round(i * cell + cell / 2 - dot / 2.0);
                int cy = (int) Math.round(j * cell + cell / 2 - dot / 2.0);
                for (int x = cx; x < cx + dot && x < n; x++) {
                    for (int y = cy; y < cy + dot && y < n; y++) {
                        pw.setColor(x, y, strong ? major : minor);
                    }
                }
            }
        }
        return image;
    }

    private static double floorMod(double value, double modulus) {
        double r = value % modulus;
        return r < 0 ? r + modulus : r;
    }
}
