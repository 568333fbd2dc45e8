// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.live;

import dev.pipewright.app.shell.MainWindow;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;

/** For the screenshot tools: the part of the canvas, in its own pixels, that shows the whole flow. */
final class FlowRegion {
    private FlowRegion() {
    }

    /** Around every card of the open flow, with {@code margin} pixels to spare; call on the FX thread. */
    static Rectangle2D of(MainWindow window, double margin) {
        var canvas = window.canvas();
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (var node : window.state().flow().nodes()) {
            var b = canvas.nodeBounds(node.id()).orElseThrow();
            Point2D topLeft = canvas.canvasToScreen(new Point2D(b.getMinX(), b.getMinY()));
            Point2D bottomRight = canvas.canvasToScreen(new Point2D(b.getMaxX(), b.getMaxY()));
            minX = Math.min(minX, topLeft.getX());
            minY = Math.min(minY, topLeft.getY());
            maxX = Math.max(maxX, bottomRight.getX());
            maxY = Math.max(maxY, bottomRight.getY());
        }
        double x = Math.floor(minX - margin);
        double y = Math.floor(minY - margin);
        return new Rectangle2D(x, y, Math.ceil(maxX + margin) - x, Math.ceil(maxY + margin) - y);
    }
}
