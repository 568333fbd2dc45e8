// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * Antialiased round dots as small images, one per colour and size, for {@link DotLayer}. Copying
 * a dot's image to a whole-pixel position costs the software renderer less than filling an oval
 * path (no path to build and rasterise, nothing allocated), which matters with 2,000 dots a frame.
 */
final class DotSprites {
    /** Samples per pixel side when working out how much of a pixel the dot covers. */
    private static final int SUPERSAMPLE = 4;
    private final Map<Color, Map<Integer, WritableImage>> images = new HashMap<>();

    /** A dot {@code diameter} pixels wide (rounded to a quarter pixel) in {@code colour}. */
    WritableImage dot(Color colour, double diameter) {
        int quarters = (int) Math.max(4, Math.round(diameter * 4));
        return images.computeIfAbsent(colour, c -> new HashMap<>()).computeIfAbsent(quarters, q -> draw(colour, q / 4.0));
    }

    /** The image's side in pixels for a dot of {@code diameter}: the dot plus a pixel of edge. */
    static int side(double diameter) {
        return (int) Math.ceil(Math.max(1, Math.round(diameter * 4) / 4.0)) + 1;
    }

    private static WritableImage draw(Color colour, double diameter) {
        int side = side(diameter);
        WritableImage image = new WritableImage(side, side);
        PixelWriter out = image.getPixelWriter();
        double centre = side / 2.0;
        double radius = diameter / 2;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int inside = 0;
                for (int sy = 0; sy < SUPERSAMPLE; sy++) {
                    for (int sx = 0; sx < SUPERSAMPLE; sx++) {
                        double px = x + (sx + 0.5) / SUPERSAMPLE - centre;
                        double py = y + (sy + 0.5) / SUPERSAMPLE - centre;
                        if (px * px + py * py <= radius * radius) {
                            inside++;
                        }
                    }
                }
                double coverage = inside / (double) (SUPERSAMPLE * SUPERSAMPLE);
                out.setColor(x, y, Color.color(colour.getRed(), colour.getGreen(), colour.getBlue(),
                        colour.getOpacity() * coverage));
            }
        }
        return image;
    }
}
