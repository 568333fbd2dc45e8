// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.app.editor.Selection;
import dev.pipewright.app.skin.KindSkins;
import dev.pipewright.model.Edge;
import dev.pipewright.model.Flow;
import dev.pipewright.model.Node;
import dev.pipewright.model.Port;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.CacheHint;
import javafx.scene.Group;

/**
 * The drawn flow, in canvas coordinates: wires, then cards, then wire labels (above the cards so
 * they stay readable). It follows the flow by id: a new flow keeps the views of unchanged nodes
 * and edges, updates the changed ones and adds or drops the rest, so undo and redo redraw only
 * what changed.
 */
final class Diagram extends Group {
    private final Group wireLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Group labelLayer = new Group();
    private final Map<String, NodeView> nodeViews = new LinkedHashMap<>();
    private final Map<String, WireView> wireViews = new LinkedHashMap<>();
    private Selection shownSelection = Selection.EMPTY;
    private CacheHint cacheHint = CacheHint.QUALITY;

    Diagram() {
        labelLayer.setMouseTransparent(true);
        getChildren().addAll(wireLayer, nodeLayer, labelLayer);
        getStyleClass().add("diagram");
    }

    Map<String, NodeView> nodeViews() {
        return nodeViews;
    }

    Collection<WireView> wireViews() {
        return wireViews.values();
    }

    WireView wire(String edgeId) {
        return wireViews.get(edgeId);
    }

    void render(Flow flow, Selection selection) {
        Set<String> moved = new HashSet<>();
        Set<String> present = new HashSet<>();
        List<javafx.scene.Node> added = new ArrayList<>();
        for (Node n : flow.nodes()) {
            present.add(n.id());
            NodeView view = nodeViews.get(n.id());
            List<String> lines = KindSkins.summary(n, flow);
            if (view != null && view.node().kind() != n.kind()) {
                nodeLayer.getChildren().remove(view);
                view = null;
            }
            if (view == null) {
                view = new NodeView(n, lines);
                view.setCardCacheHint(cacheHint);
                nodeViews.put(n.id(), view);
                added.add(view);
                moved.add(n.id());
            } else {
                if (!view.node().position().equals(n.position())
                        || view.getLayoutX() != n.position().x() || view.getLayoutY() != n.position().y()) {
                    moved.add(n.id());
                }
                view.update(n, lines);
            }
        }
        nodeLayer.getChildren().addAll(added);
        removeMissing(nodeViews, present, nodeLayer);

        present.clear();
        added.clear();
        for (Edge e : flow.edges()) {
            if (!nodeViews.containsKey(e.from()) || !nodeViews.containsKey(e.to())) {
                continue; // a dangling edge: the validator reports it
            }
            present.add(e.id());
            WireView wire = wireViews.get(e.id());
            if (wire == null) {
                wire = new WireView(e, labelLayer);
                wireViews.put(e.id(), wire);
                added.add(wire);
                route(wire);
            } else if (!wire.edge().equals(e) || moved.contains(e.from()) || moved.contains(e.to())) {
                wire.update(e);
                route(wire);
            }
        }
        wireLayer.getChildren().addAll(added);
        wireViews.forEach((id, w) -> {
            if (!present.contains(id)) {
                w.dispose();
            }
        });
        removeMissing(wireViews, present, wireLayer);
        shownSelection = Selection.EMPTY;
        showSelection(selection);
    }

    private static <V extends javafx.scene.Node> void removeMissing(Map<String, V> views, Set<String> present, Group layer) {
        List<V> gone = new ArrayList<>();
        views.entrySet().removeIf(entry -> {
            if (!present.contains(entry.getKey())) {
                gone.add(entry.getValue());
                return true;
            }
            return false;
        });
        if (!gone.isEmpty()) {
            layer.getChildren().removeAll(new HashSet<>(gone));
        }
    }

    /** Lays a wire between the current positions of its cards (which may be mid-drag). */
    void route(WireView wire) {
        Edge e = wire.edge();
        NodeView from = nodeViews.get(e.from());
        NodeView to = nodeViews.get(e.to());
        if (from != null && to != null) {
            wire.route(from.portCentre(e.fromPort()), to.portCentre(Port.IN));
        }
    }

    /** Paints {@code now} as the selection (the state's selection, or none for an export). */
    void showSelection(Selection now) {
        Selection before = shownSelection;
        for (String id : before.nodes()) {
            if (!now.nodes().contains(id) && nodeViews.containsKey(id)) {
                nodeViews.get(id).setSelected(false);
            }
        }
        for (String id : now.nodes()) {
            if (nodeViews.containsKey(id)) {
                nodeViews.get(id).setSelected(true);
            }
        }
        for (String id : before.edges()) {
            if (!now.edges().contains(id) && wireViews.containsKey(id)) {
                wireViews.get(id).setSelected(false);
            }
        }
        for (String id : now.edges()) {
            if (wireViews.containsKey(id)) {
                wireViews.get(id).setSelected(true);
            }
        }
        shownSelection = now;
    }

    /** How the cards' cached bitmaps may be reused: {@code SCALE} while zooming, else {@code QUALITY}. */
    void setCardCacheHint(CacheHint hint) {
        if (hint == cacheHint) {
            return;
        }
        cacheHint = hint;
        for (NodeView v : nodeViews.values()) {
            v.setCardCacheHint(hint);
        }
    }

    /** The topmost card at a canvas point, counting its ports, or null. */
    NodeView nodeViewAt(Point2D p) {
        List<javafx.scene.Node> children = nodeLayer.getChildren();
        for (int i = children.size() - 1; i >= 0; i--) {
            NodeView v = (NodeView) children.get(i);
            double r = PortView.RADIUS + 2;
            if (p.getX() >= v.getLayoutX() - r && p.getX() <= v.getLayoutX() + NodeView.WIDTH + r
                    && p.getY() >= v.getLayoutY() - r && p.getY() <= v.getLayoutY() + NodeView.HEIGHT + r) {
                return v;
            }
        }
        return null;
    }

    /** The bounds of all cards, or empty for an empty flow. */
    Optional<Bounds> cardBounds() {
        if (nodeViews.isEmpty()) {
            return Optional.empty();
        }
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (NodeView v : nodeViews.values()) {
            minX = Math.min(minX, v.getLayoutX());
            minY = Math.min(minY, v.getLayoutY());
            maxX = Math.max(maxX, v.getLayoutX() + NodeView.WIDTH);
            maxY = Math.max(maxY, v.getLayoutY() + NodeView.HEIGHT);
        }
        return Optional.of(new BoundingBox(minX, minY, maxX - minX, maxY - minY));
    }
}
