// SPDX-License-Identifier: Apache-2.0
package dev.pipewright.app.canvas;

import dev.pipewright.app.editor.EditorState;
import dev.pipewright.app.editor.Selection;
import dev.pipewright.model.Node;
import dev.pipewright.model.Position;
import dev.pipewright.model.edit.Edits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.shape.Rectangle;

/**
 * What mouse, wheel, touchpad and keyboard do on the canvas: select, rubber-band, move, wire,
 * rename, pan, zoom, delete, and drops from the palette. A drag changes the picture live and
 * records one edit when the mouse is released, so one gesture is one undo step.
 */
final class CanvasGestures {
    private static final double CLICK_SLOP = 3;

    private enum Mode { NONE, PAN, MOVE, RUBBER_BAND, WIRE }

    private final FlowCanvas canvas;
    private final EditorState state;
    private final WireDrag wire;
    private final InPlaceEdits inPlace;
    private final Rectangle rubberBand = new Rectangle();
    private Mode mode = Mode.NONE;
    private boolean spaceDown;
    private Point2D pressScreen;
    private Point2D lastScreen;
    private boolean moved;
    private String selectOnlyOnClick;
    private Selection rubberBase = Selection.EMPTY;
    private NodeView grabbed;
    private final Map<NodeView, Position> moveStart = new LinkedHashMap<>();
    private final List<WireView> attachedWires = new ArrayList<>();
    private final javafx.scene.control.Label portHint = new javafx.scene.control.Label();

    CanvasGestures(FlowCanvas canvas) {
        this.canvas = canvas;
        this.state = canvas.state();
        this.wire = new WireDrag(canvas);
        this.inPlace = new InPlaceEdits(canvas);
        rubberBand.getStyleClass().add("rubber-band");
        rubberBand.setVisible(false);
        rubberBand.setManaged(false);
        portHint.getStyleClass().add("port-hint");
        portHint.setMouseTransparent(true);
        portHint.setVisible(false);
    }

    void install() {
        canvas.screenLayer().getChildren().add(rubberBand);
        canvas.gestureLayer().getChildren().add(portHint);
        canvas.addEventHandler(MouseEvent.MOUSE_ENTERED_TARGET, e -> {
            if (e.getTarget() instanceof PortView p) {
                showPortHint(p);
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED_TARGET, e -> {
            if (e.getTarget() instanceof PortView) {
                portHint.setVisible(false);
            }
        });
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        canvas.addEventHandler(ZoomEvent.ZOOM, e -> {
            canvas.viewport().zoomAt(canvas.viewport().zoom() * e.getZoomFactor(), new Point2D(e.getX(), e.getY()));
            e.consume();
        });
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        canvas.addEventHandler(KeyEvent.KEY_RELEASED, this::keyReleased);
        new PaletteDrop(canvas).install();
    }

    // ------------------------------------------------------------------ mouse

    private void pressed(MouseEvent e) {
        if (isInEditor(e)) {
            return;
        }
        canvas.requestFocus(); // also commits an open in-place editor
        pressScreen = new Point2D(e.getX(), e.getY());
        lastScreen = pressScreen;
        moved = false;
        selectOnlyOnClick = null;
        if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            mode = Mode.PAN;
            canvas.setCursor(Cursor.CLOSED_HAND);
            e.consume();
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        boolean toggle = e.isShiftDown() || e.isShortcutDown() || e.isControlDown();
        javafx.scene.Node hit = hitView(e);
        if (hit instanceof PortView p && p.port().isOutput()) {
            mode = Mode.WIRE;
            wire.start(p);
        } else if (hit instanceof PortView || hit instanceof NodeView) {
            NodeView view = hit instanceof PortView p ? p.owner() : (NodeView) hit;
            pressNode(view, toggle);
        } else if (hit instanceof WireView w) {
            Selection s = state.selection();
            if (toggle) {
                state.select(new Selection(s.nodes(), toggled(s.edges(), w.edgeId())));
            } else {
                state.select(new Selection(Set.of(), Set.of(w.edgeId())));
            }
            mode = Mode.NONE;
        } else {
            mode = Mode.RUBBER_BAND;
            rubberBase = toggle ? state.selection() : Selection.EMPTY;
            if (!toggle) {
                state.clearSelection();
            }
        }
        e.consume();
    }

    private void pressNode(NodeView view, boolean toggle) {
        String id = view.nodeId();
        Selection s = state.selection();
        if (toggle) {
            Set<String> nodes = toggled(s.nodes(), id);
            state.select(new Selection(nodes, s.edges()));
            if (!nodes.contains(id)) {
                mode = Mode.NONE;
                return;
            }
        } else if (!s.nodes().contains(id)) {
            state.select(Selection.ofNodes(Set.of(id)));
        } else {
            selectOnlyOnClick = id;
        }
        mode = Mode.MOVE;
        grabbed = view;
        moveStart.clear();
        attachedWires.clear();
        Set<String> moving = state.selection().nodes();
        for (String n : moving) {
            NodeView v = canvas.nodeViews().get(n);
            if (v != null) {
                moveStart.put(v, new Position(v.getLayoutX(), v.getLayoutY()));
            }
        }
        for (WireView w : canvas.wireViews()) {
            if (moving.contains(w.edge().from()) || moving.contains(w.edge().to())) {
                attachedWires.add(w);
            }
        }
    }

    private void dragged(MouseEvent e) {
        if (pressScreen == null) {
            return;
        }
        Point2D now = new Point2D(e.getX(), e.getY());
        if (!moved && now.distance(pressScreen) < CLICK_SLOP) {
            return;
        }
        moved = true;
        switch (mode) {
            case PAN -> canvas.viewport().panBy(now.getX() - lastScreen.getX(), now.getY() - lastScreen.getY());
            case MOVE -> moveTo(now);
            case RUBBER_BAND -> showRubberBand(now);
            case WIRE -> wire.drag(canvas.screenToCanvas(now));
            default -> {
            }
        }
        lastScreen = now;
        e.consume();
    }

    private void moveTo(Point2D screen) {
        double zoom = canvas.viewport().zoom();
        double dx = (screen.getX() - pressScreen.getX()) / zoom;
        double dy = (screen.getY() - pressScreen.getY()) / zoom;
        Position anchor = moveStart.get(grabbed);
        if (anchor != null) {
            // Snap the grabbed card; the others keep their distance to it.
            Position snapped = canvas.snap(anchor.plus(dx, dy));
            dx = snapped.x() - anchor.x();
            dy = snapped.y() - anchor.y();
        }
        for (Map.Entry<NodeView, Position> m : moveStart.entrySet()) {
            m.getKey().relocate(m.getValue().x() + dx, m.getValue().y() + dy);
        }
        for (WireView w : attachedWires) {
            canvas.route(w);
        }
    }

    private void showRubberBand(Point2D now) {
        double x = Math.min(now.getX(), pressScreen.getX());
        double y = Math.min(now.getY(), pressScreen.getY());
        rubberBand.setX(x);
        rubberBand.setY(y);
        rubberBand.setWidth(Math.abs(now.getX() - pressScreen.getX()));
        rubberBand.setHeight(Math.abs(now.getY() - pressScreen.getY()));
        rubberBand.setVisible(true);
    }

    private void released(MouseEvent e) {
        if (pressScreen == null) {
            return;
        }
        Point2D now = new Point2D(e.getX(), e.getY());
        switch (mode) {
            case MOVE -> finishMove();
            case RUBBER_BAND -> finishRubberBand();
            case WIRE -> wire.finish(canvas.screenToCanvas(now));
            case PAN -> canvas.setCursor(spaceDown ? Cursor.OPEN_HAND : Cursor.DEFAULT);
            default -> {
            }
        }
        mode = Mode.NONE;
        pressScreen = null;
        grabbed = null;
        e.consume();
    }

    private void finishMove() {
        Map<String, Position> to = new LinkedHashMap<>();
        for (Map.Entry<NodeView, Position> m : moveStart.entrySet()) {
            NodeView v = m.getKey();
            if (v.getLayoutX() != m.getValue().x() || v.getLayoutY() != m.getValue().y()) {
                to.put(v.nodeId(), new Position(v.getLayoutX(), v.getLayoutY()));
            }
        }
        moveStart.clear();
        attachedWires.clear();
        if (!to.isEmpty()) {
            state.execute(Edits.move(to));
        } else if (!moved && selectOnlyOnClick != null) {
            state.select(Selection.ofNodes(Set.of(selectOnlyOnClick)));
        }
    }

    private void finishRubberBand() {
        rubberBand.setVisible(false);
        if (!moved) {
            return;
        }
        Point2D a = canvas.screenToCanvas(new Point2D(rubberBand.getX(), rubberBand.getY()));
        Point2D b = canvas.screenToCanvas(new Point2D(rubberBand.getX() + rubberBand.getWidth(),
                rubberBand.getY() + rubberBand.getHeight()));
        Set<String> nodes = new HashSet<>(rubberBase.nodes());
        for (NodeView v : canvas.nodeViews().values()) {
            boolean intersects = v.getLayoutX() <= b.getX() && v.getLayoutX() + NodeView.WIDTH >= a.getX()
                    && v.getLayoutY() <= b.getY() && v.getLayoutY() + NodeView.HEIGHT >= a.getY();
            if (intersects) {
                nodes.add(v.nodeId());
            }
        }
        state.select(new Selection(nodes, rubberBase.edges()));
    }

    private void clicked(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || e.getClickCount() != 2 || !e.isStillSincePress() || isInEditor(e)) {
            return;
        }
        javafx.scene.Node hit = hitView(e);
        if (hit instanceof NodeView v) {
            inPlace.rename(v);
            e.consume();
        } else if (hit instanceof WireView w) {
            inPlace.editKey(w);
            e.consume();
        }
    }

    /** Names a port under the pointer ("dead-letter", "error", ...), next to it. */
    private void showPortHint(PortView p) {
        portHint.setText(p.port().word());
        Point2D at = p.owner().portCentre(p.port());
        portHint.relocate(at.getX() + (p.port().isOutput() ? 9 : -9 - portHint.prefWidth(-1)), at.getY() - 24);
        portHint.toFront();
        portHint.setVisible(true);
    }

    // ------------------------------------------------------------------ wheel, keys

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaX() == 0 && e.getDeltaY() == 0) {
            return;
        }
        if (e.isControlDown() || e.isShortcutDown()) {
            double factor = Math.pow(1.1, e.getDeltaY() / 40.0);
            canvas.viewport().zoomAt(canvas.viewport().zoom() * factor, new Point2D(e.getX(), e.getY()));
        } else {
            canvas.viewport().panBy(e.getDeltaX(), e.getDeltaY());
        }
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
            return;
        }
        switch (e.getCode()) {
            case DELETE, BACK_SPACE -> {
                canvas.deleteSelection();
                e.consume();
            }
            case SPACE -> {
                spaceDown = true;
                if (mode != Mode.PAN) {
                    canvas.setCursor(Cursor.OPEN_HAND);
                }
                e.consume();
            }
            case ESCAPE -> {
                if (mode == Mode.WIRE) {
                    wire.cancel();
                    mode = Mode.NONE;
                } else {
                    state.clearSelection();
                }
                e.consume();
            }
            default -> {
            }
        }
    }

    private void keyReleased(KeyEvent e) {
        if (e.getCode() == KeyCode.SPACE) {
            spaceDown = false;
            if (mode != Mode.PAN) {
                canvas.setCursor(Cursor.DEFAULT);
            }
            e.consume();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The port, card or wire under the pointer, or null for empty canvas (or the live overlay). */
    private javafx.scene.Node hitView(MouseEvent e) {
        javafx.scene.Node n = e.getPickResult().getIntersectedNode();
        while (n != null && n != canvas) {
            if (n instanceof PortView || n instanceof NodeView || n instanceof WireView) {
                return n;
            }
            n = n.getParent();
        }
        return null;
    }

    private boolean isInEditor(MouseEvent e) {
        javafx.scene.control.TextField field = canvas.editor().field();
        javafx.scene.Node n = e.getPickResult().getIntersectedNode();
        while (field != null && n != null) {
            if (n == field) {
                return true;
            }
            n = n.getParent();
        }
        return false;
    }

    private static Set<String> toggled(Set<String> set, String id) {
        Set<String> out = new HashSet<>(set);
        if (!out.remove(id)) {
            out.add(id);
        }
        return out;
    }
}
