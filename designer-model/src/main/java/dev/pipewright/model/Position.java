// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.model;

/** Where a node sits on the canvas, in canvas units (the top-left corner of the node). */
public record Position(double x, double y) {
    public static final Position ORIGIN = new Position(0, 0);

    public Position {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new InvalidPropertyException("position", "x and y must be finite numbers");
        }
    }

    public Position plus(double dx, double dy) {
        return new Position(x + dx, y + dy);
    }
}
