// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.model.Port;
import javafx.scene.shape.Circle;

/** A port of a node card: a small circle a wire starts or ends at. */
final class PortView extends Circle {
    static final double RADIUS = 5;

    private final NodeView owner;
    private final Port port;

    PortView(NodeView owner, Port port) {
        super(RADIUS);
        this.owner = owner;
        this.port = port;
        getStyleClass().addAll("port", NodeStyle.portStyleClass(port), port.isOutput() ? "port-output" : "port-input");
    }

    NodeView owner() {
        return owner;
    }

    Port port() {
        return port;
    }
}
