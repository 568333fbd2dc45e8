// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Port;
import dev.pipewright.model.Wiring;
import dev.pipewright.model.edit.Edits;
import java.util.Optional;
import javafx.geometry.Point2D;

/**
 * Drawing a new wire: from pressing on an output port to releasing over a card. While it goes,
 * a preview curve follows the pointer, cards the port may be wired to are highlighted and the
 * others are dimmed. Releasing on a card the wiring rules refuse says why and adds nothing.
 */
final class WireDrag {
    private final FlowCanvas canvas;
    private NodeView source;
    private Port port;
    private WireView preview;
    private NodeView hovered;

    WireDrag(FlowCanvas canvas) {
        this.canvas = canvas;
    }

    boolean isActive() {
        return source != null;
    }

    void start(PortView from) {
        source = from.owner();
        port = from.port();
        preview = new WireView(Edge.of("preview", source.nodeId(), port, source.nodeId()), canvas.gestureLayer());
        preview.getStyleClass().add("wire-preview");
        preview.setMouseTransparent(true);
        canvas.gestureLayer().getChildren().add(preview);
        for (NodeView v : canvas.nodeViews().values()) {
            boolean ok = Wiring.refusal(source.node(), port, v.node()).isEmpty();
            v.setWireTarget(ok ? NodeView.WireTarget.VALID : NodeView.WireTarget.INVALID);
        }
        drag(source.portCentre(port));
    }

    void drag(Point2D at) {
        NodeView over = canvas.nodeViewAt(at);
        if (over != hovered) {
            if (hovered != null) {
                hovered.setWireHover(false);
            }
            hovered = over;
            if (hovered != null && hovered != source) {
                hovered.setWireHover(true);
            }
        }
        boolean valid = over != null && Wiring.refusal(source.node(), port, over.node()).isEmpty();
        Point2D end = valid ? over.portCentre(Port.IN) : at.add(PortView.RADIUS, 0);
        preview.route(source.portCentre(port), end);
    }

    void finish(Point2D at) {
        NodeView target = canvas.nodeViewAt(at);
        NodeView from = source;
        Port fromPort = port;
        cancel();
        if (target == null || target == from) {
            return;
        }
        Optional<String> refusal = Wiring.refusal(from.node(), fromPort, target.node());
        Flow flow = canvas.state().flow();
        if (refusal.isEmpty() && flow.edges().stream().anyMatch(e -> e.from().equals(from.nodeId())
                && e.fromPort() == fromPort && e.to().equals(target.nodeId()))) {
            refusal = Optional.of("they are already wired; select the wire to change its key");
        }
        String what = "'" + from.node().name() + "' (" + fromPort.word() + ") to '" + target.node().name() + "'";
        if (refusal.isPresent()) {
            canvas.tell("Can't wire " + what + ": " + refusal.get(), true);
            return;
        }
        Edge edge = Edge.of(flow.freshId("edge"), from.nodeId(), fromPort, target.nodeId());
        canvas.state().execute(Edits.connect(edge));
        canvas.tell("Wired " + what, false);
    }

    void cancel() {
        if (preview != null) {
            canvas.gestureLayer().getChildren().remove(preview);
        }
        for (NodeView v : canvas.nodeViews().values()) {
            v.setWireTarget(NodeView.WireTarget.NONE);
        }
        preview = null;
        source = null;
        port = null;
        hovered = null;
    }
}
