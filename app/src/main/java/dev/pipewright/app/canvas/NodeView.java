// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.model.Node;
import dev.pipewright.model.NodeKind;
import dev.pipewright.model.Port;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The card of one node on the canvas: its kind's icon and accent, its name, one or two lines of
 * key properties, and its ports. A skin: it shows the node and never changes the model. Its
 * layout position is the node's position in canvas units.
 *
 */
public final class NodeView extends Pane {
    /** Width of every card in canvas units. */
    public static final double WIDTH = 176;
    /** Height of every card in canvas units. */
    public static final double HEIGHT = 68;

    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass WIRE_VALID = PseudoClass.getPseudoClass("wire-valid");
    private static final PseudoClass WIRE_INVALID = PseudoClass.getPseudoClass("wire-invalid");
    private static final PseudoClass WIRE_HOVER = PseudoClass.getPseudoClass("wire-hover");

    /** How a card looks while a wire is being dragged. */
    enum WireTarget { NONE, VALID, INVALID }

    private final HBox card = new HBox();
    private final Label name = new Label();
    private final Label line1 = new Label();
    private final Label line2 = new Label();
    private final Map<Port, PortView> ports = new EnumMap<>(Port.class);
    private Node node;

    NodeView(Node node, List<String> lines) {
        this.node = node;
        getStyleClass().addAll("node-view", NodeStyle.styleClass(node.kind()));
        setStyle("-pw-accent: " + NodeStyle.accentHex(node.kind()) + ";");
        setMinSize(WIDTH, HEIGHT);
        setPrefSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);

        javafx.scene.layout.Region tint = new javafx.scene.layout.Region();
        tint.getStyleClass().add("icon-tile-tint");
        StackPane iconTile = new StackPane(tint, NodeStyle.icon(node.kind(), 17));
        iconTile.getStyleClass().add("icon-tile");
        iconTile.setMinSize(28, 28);
        iconTile.setMaxSize(28, 28);
        name.getStyleClass().add("node-name");
        line1.getStyleClass().add("node-detail");
        line2.getStyleClass().addAll("node-detail", "node-detail-secondary");
        VBox text = new VBox(name, line1, line2);
        text.getStyleClass().add("node-text");
        text.setMinWidth(0);
        card.getChildren().addAll(iconTile, text);
        card.getStyleClass().add("node-card");
        card.resizeRelocate(0, 0, WIDTH, HEIGHT);
        card.setMinSize(WIDTH, HEIGHT);
        card.setPrefSize(WIDTH, HEIGHT);
        card.setMaxSize(WIDTH, HEIGHT);
        // The card's body is a cached bitmap, so panning and zooming copy it instead of drawing
        // its text and shapes again; the ports beside it light up without rebuilding it.
        card.setCache(true);

        getChildren().add(card);
        List<Port> all = new ArrayList<>(node.kind().inputs());
        all.addAll(node.kind().outputs());
        for (Port p : all) {
            PortView view = new PortView(this, p);
            Point2D at = portOffset(node.kind(), p);
            view.setCenterX(at.getX());
            view.setCenterY(at.getY());
            ports.put(p, view);
            getChildren().add(view);
        }
        update(node, lines);
        relocate(node.position().x(), node.position().y());
    }

    /** Where a port sits on a card of this kind, relative to the card's top-left corner. */
    static Point2D portOffset(NodeKind kind, Port port) {
        if (!port.isOutput()) {
            return new Point2D(0, HEIGHT / 2);
        }
        // Outputs stack down the right edge: the main output first, then the failure outputs.
        List<Port> outputs = kind.outputs();
        int index = Math.max(0, outputs.indexOf(port));
        return new Point2D(WIDTH, Math.round(HEIGHT * (index + 1) / (outputs.size() + 1)));
    }

    /** The id of the node shown. */
    public String nodeId() {
        return node.id();
    }

    /** The node as last drawn. */
    public Node node() {
        return node;
    }

    /** How the card's cached bitmap may be reused: {@code SCALE} while zooming, else {@code QUALITY}. */
    void setCardCacheHint(javafx.scene.CacheHint hint) {
        card.setCacheHint(hint);
    }

    void update(Node newNode, List<String> lines) {
        this.node = newNode;
        setText(name, newNode.name());
        setAccessibleText(newNode.kind().displayName() + " " + newNode.name());
        setText(line1, lines.isEmpty() ? "" : lines.get(0));
        setText(line2, lines.size() < 2 ? "" : lines.get(1));
        if (getLayoutX() != newNode.position().x() || getLayoutY() != newNode.position().y()) {
            relocate(newNode.position().x(), newNode.position().y());
        }
    }

    private static void setText(Label label, String text) {
        if (!text.equals(label.getText())) {
            label.setText(text);
        }
    }

    /** The centre of a port in canvas coordinates, following the card while it is dragged. */
    Point2D portCentre(Port port) {
        Point2D offset = portOffset(node.kind(), port);
        return new Point2D(getLayoutX() + offset.getX(), getLayoutY() + offset.getY());
    }

    Optional<PortView> portView(Port port) {
        return Optional.ofNullable(ports.get(port));
    }

    Label nameLabel() {
        return name;
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    void setWireTarget(WireTarget target) {
        pseudoClassStateChanged(WIRE_VALID, target == WireTarget.VALID);
        pseudoClassStateChanged(WIRE_INVALID, target == WireTarget.INVALID);
        if (target == WireTarget.NONE) {
            pseudoClassStateChanged(WIRE_HOVER, false);
        }
    }

    void setWireHover(boolean hover) {
        pseudoClassStateChanged(WIRE_HOVER, hover);
    }
}
