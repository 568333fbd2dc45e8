// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.app.editor.Selection;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Scale;

/** Renders the diagram (cards and wires only) to an image, for PNG export and screenshots. */
final class DiagramImage {
    private static final double MARGIN = 32;

    private DiagramImage() {
    }

    static WritableImage render(FlowCanvas canvas, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number (was " + scale + ")");
        }
        // The picture shows the flow, not what happens to be selected; the state's selection stays.
        canvas.showSelection(Selection.EMPTY);
        try {
            canvas.applyCss();
            canvas.layout();
            Optional<Bounds> maybe = canvas.diagramBounds();
            Bounds b = maybe.orElse(new javafx.geometry.BoundingBox(0, 0, 1, 1));
            // Wires may bend outside the cards (loops, dead-letter branches): include them.
            Bounds content = canvas.content().getBoundsInLocal();
            double minX = Math.min(b.getMinX(), content.getMinX()) - MARGIN;
            double minY = Math.min(b.getMinY(), content.getMinY()) - MARGIN;
            double maxX = Math.max(b.getMaxX(), content.getMaxX()) + MARGIN;
            double maxY = Math.max(b.getMaxY(), content.getMaxY()) + MARGIN;
            SnapshotParameters params = new SnapshotParameters();
            params.setFill(canvas.backgroundFill());
            params.setTransform(new Scale(scale, scale));
            params.setViewport(new Rectangle2D(minX * scale, minY * scale, (maxX - minX) * scale, (maxY - minY) * scale));
            return canvas.content().snapshot(params, null);
        } finally {
            canvas.showSelection(canvas.state().selection());
        }
    }
}
